import Foundation
import Hummingbird
import Mustache
import PPOEngine

/// Renders a page: its template inside the layout, every value HTML-escaped by the template engine
/// (no template uses the unescaped forms `{{{…}}}` or `{{&…}}`; a test checks).
enum WebPage {
    /// The templates, parsed once. A template that does not parse is a bug, reported by a test and
    /// answered as a 500 naming it.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in WebTemplates.all {
            if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) }
        }
        return library
    }()

    /// What every template is rendered with: the layout's facts and the page's own.
    struct Frame {
        let layout: Layout
        let page: Any
    }

    static func render(_ page: Any, template: String, title: String, context: PPODContext,
                       status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let layout = Layout(title: title, caller: context.caller, session: context.webSession, current: template)
        guard let html = library.render(Frame(layout: layout, page: page), withTemplate: template) else {
            throw APIError(.internalServerError, "internal", "the page template '\(template)' is missing or does not parse")
        }
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: StreamedBody.chunked(Array(html.utf8)))
    }

    /// A redirect after a form (303: the browser asks for the target with GET).
    static func redirect(to target: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = target
        return Response(status: .seeOther, headers: fields)
    }

    /// A path segment or query value, percent-encoded for an address.
    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query string from the pairs with a value, in order.
    static func query(_ pairs: [(String, String?)]) -> String {
        let kept = pairs.compactMap { pair in pair.1.map { encoded(pair.0) + "=" + encoded($0) } }
        return kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
    }
}

/// The layout's facts: the title, who is signed in, and the pages their role may open.
struct Layout {
    struct Link {
        let href: String
        let label: String
        let current: Bool
    }

    let title: String
    let signedIn: Bool
    let who: String
    let role: String
    let areas: String
    let formToken: String
    let nav: [Link]

    init(title: String, caller: Caller?, session: WebSessions.Session?, current: String) {
        self.title = title
        signedIn = caller != nil && session != nil
        who = caller?.name ?? ""
        role = caller?.role.rawValue ?? ""
        areas = caller.map { $0.areas?.joined(separator: ", ") ?? "every area" } ?? ""
        formToken = session?.formToken ?? ""
        guard let caller else { nav = []; return }
        var links: [(String, String, String)] = []
        if Permission.tasking.allows(caller.role) { links.append(("/ui/today", "Today", "today")) }
        if Permission.scores.allows(caller.role) { links.append(("/ui/list", "Prioritised list", "list")) }
        if Permission.scores.allows(caller.role) { links.append(("/ui/panel", "Panel", "panel")) }
        if Permission.tasking.allows(caller.role) { links.append(("/ui/premium-service", "Premium Service", "premium-service")) }
        links.append(("/ui/rules", "Rules", "rules"))
        links.append(("/ui/runs", "Runs", "runs"))
        if Permission.administration.allows(caller.role) { links.append(("/ui/audit", "Audit", "audit")) }
        let section = current == "offender" ? "list" : current == "decide" ? "panel" : current
        nav = links.map { Link(href: $0.0, label: $0.1, current: $0.2 == section) }
    }
}

/// One choice of a select on a page.
struct WebOption {
    let value: String
    let label: String
    let selected: Bool
}

/// A refused or failed request, as a page.
struct ErrorPage {
    let status: Int
    let title: String
    let message: String

    static func title(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "This request cannot be answered"
        case 403: return "Your role or areas do not allow this"
        case 404: return "Not found"
        case 503: return "Not available just now"
        default: return status.code >= 500 ? "ppod could not answer" : "This request cannot be answered"
        }
    }
}
