import Hummingbird

/// Turns the bearer token into a `Caller`; a request without a known token goes no further.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = PPODContext
    let tokens: TokenRegistry

    func handle(_ request: Request, context: PPODContext, next: (Request, PPODContext) async throws -> Response) async throws -> Response {
        // The web interface's pages sign in with a session instead (`WebMiddleware`).
        if WebPaths.isWeb(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "missing-token", "this request needs an Authorization: Bearer TOKEN header")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "missing-token", "the Authorization header must be 'Bearer TOKEN'")
        }
        guard let caller = tokens.caller(for: parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.unauthorized, "invalid-token", "the bearer token is not known (or has been revoked)")
        }
        var context = context
        context.caller = caller
        context.note.update { $0.caller = caller }
        return try await next(request, context)
    }
}
