import Foundation
import HTTPTypes
import Hummingbird
import PPOEngine

/// Where the web interface lives: every path under `/ui`.
enum WebPaths {
    static let root = "/ui"
    static let signIn = "/ui/sign-in"
    static let cookie = "ppod_session"

    static func isWeb(_ path: String) -> Bool { path == root || path.hasPrefix(root + "/") }
}

/// The web interface's gate, for paths under `/ui` only: finds the caller from the session cookie,
/// answers failures as HTML pages (a missing session as a redirect to sign in), and puts the
/// security headers on every answer.
struct WebMiddleware: RouterMiddleware {
    typealias Context = PPODContext
    let sessions: WebSessions
    let tokens: TokenRegistry
    /// Served over TLS: cookies are `Secure`.
    let secure: Bool

    func handle(_ request: Request, context: PPODContext, next: (Request, PPODContext) async throws -> Response) async throws -> Response {
        guard WebPaths.isWeb(request.uri.path) else { return try await next(request, context) }
        var context = context
        if let id = request.cookies[WebPaths.cookie]?.value, let session = sessions.find(id) {
            if let caller = tokens.caller(for: session.token) {
                context.caller = caller
                context.webSession = session
                context.note.update { $0.caller = caller }
            } else {
                // The token was revoked: its sessions end with it.
                sessions.close(id)
            }
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = try await Self.failure(error, request: request, context: context)
        } catch let error as HTTPError {
            let apiError = error.status == .notFound
                ? APIError.notFound("not-found", "there is no page at this address")
                : APIError(error.status, "bad-request", error.body ?? error.status.reasonPhrase)
            response = try await Self.failure(apiError, request: request, context: context)
        }
        WebHeaders.apply(to: &response.headers)
        return response
    }

    /// The page shown for a refused or failed request; a request with no session goes to sign in.
    static func failure(_ error: APIError, request: Request, context: PPODContext) async throws -> Response {
        if error.status == .unauthorized, request.method == .get {
            // Not a refusal to audit: the person has not signed in yet.
            context.note.update { $0.action = nil }
            let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let target = WebPaths.signIn + "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return Response(status: .seeOther, headers: [.location: target])
        }
        let page = ErrorPage(status: Int(error.status.code), title: ErrorPage.title(error.status), message: error.message)
        return try WebPage.render(page, template: "error", title: page.title, context: context, status: error.status)
    }
}

/// The headers every page carries: no script or style from anywhere but ppod, no inline script, no
/// framing, no referrer, no sniffing, nothing cached.
enum WebHeaders {
    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = policy
        headers[.xContentTypeOptions] = "nosniff"
        if let name = HTTPField.Name("X-Frame-Options") { headers[name] = "DENY" }
        if let name = HTTPField.Name("Referrer-Policy") { headers[name] = "no-referrer" }
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }
}
