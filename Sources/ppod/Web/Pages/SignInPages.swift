import Foundation
import Hummingbird

/// Signing in (a token pasted once, exchanged for a session) and signing out.
enum SignInPages {
    /// The cookie that carries the sign-in form's token before there is a session.
    static let formCookie = "ppod_sign_in"

    struct Model {
        let formToken: String
        let next: String
        let problem: String?
    }

    static func add(to router: Router<PPODContext>, daemon: Daemon, sessions: WebSessions, secure: Bool) {
        router.on(RouterPath(WebPaths.root), method: .get) { _, context in
            guard let caller = context.caller else { return WebPage.redirect(to: WebPaths.signIn) }
            return WebPage.redirect(to: Permission.tasking.allows(caller.role) ? "/ui/today" : "/ui/list")
        }

        router.on(RouterPath(WebPaths.signIn), method: .get) { request, context in
            let next = Self.safeNext(RequestQuery(request)["next"])
            return Self.form(next: next, problem: nil, status: .ok, context: context, secure: secure)
        }

        router.on(RouterPath(WebPaths.signIn), method: .post) { request, context in
            context.note.update { $0.route = WebPaths.signIn; $0.action = "sign-in" }
            let form = try await WebForm.read(request)
            try form.checkToken(expected: request.cookies[Self.formCookie]?.value)
            let next = Self.safeNext(form["next"])
            guard let token = form["token"]?.trimmingCharacters(in: .whitespacesAndNewlines),
                  let caller = daemon.tokens.caller(for: token) else {
                // Audited as a refusal (401) by the audit middleware.
                return Self.form(next: next, problem: "That token is not known, or has been revoked. Check it and try again.",
                                 status: .unauthorized, context: context, secure: secure)
            }
            context.note.update { $0.caller = caller }
            if let old = request.cookies[WebPaths.cookie]?.value { sessions.close(old) }
            let session = sessions.open(token: token)
            var response = WebPage.redirect(to: next ?? (Permission.tasking.allows(caller.role) ? "/ui/today" : "/ui/list"))
            response.setCookie(Self.sessionCookie(session.id, secure: secure))
            response.setCookie(Self.expired(Self.formCookie, path: WebPaths.signIn, secure: secure))
            return response
        }

        router.on(RouterPath("/ui/sign-out"), method: .post) { request, context in
            context.note.update { $0.route = "/ui/sign-out"; $0.action = "sign-out" }
            let form = try await WebForm.read(request)
            guard let session = context.webSession else { return WebPage.redirect(to: WebPaths.signIn) }
            try form.checkToken(expected: session.formToken)
            sessions.close(session.id)
            var response = WebPage.redirect(to: WebPaths.signIn)
            response.setCookie(Self.expired(WebPaths.cookie, path: WebPaths.root, secure: secure))
            return response
        }
    }

    /// The sign-in page with a fresh form token in its cookie.
    static func form(next: String?, problem: String?, status: HTTPResponse.Status, context: PPODContext,
                     secure: Bool) -> Response {
        let token = WebSessions.randomHex()
        let model = Model(formToken: token, next: next ?? "", problem: problem)
        var response: Response
        do {
            response = try WebPage.render(model, template: "sign-in", title: "Sign in to ppod", context: context, status: status)
        } catch {
            response = Response(status: .internalServerError)
        }
        response.setCookie(Cookie(name: formCookie, value: token, path: WebPaths.signIn, secure: secure, httpOnly: true,
                                  sameSite: .strict))
        return response
    }

    static func sessionCookie(_ id: String, secure: Bool) -> Cookie {
        Cookie(name: WebPaths.cookie, value: id, path: WebPaths.root, secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func expired(_ name: String, path: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Where to go after signing in: a page of the interface only, never another site.
    static func safeNext(_ next: String?) -> String? {
        guard let next, WebPaths.isWeb(next.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""),
              !next.contains("//"), !next.contains("\\"), next != WebPaths.signIn else { return nil }
        return next
    }
}
