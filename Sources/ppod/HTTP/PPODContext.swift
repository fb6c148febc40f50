import Hummingbird

/// The request context of every ppod route: Hummingbird's core storage, the authenticated caller,
/// and the note the audit and metrics middleware read back.
struct PPODContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` before any route runs.
    var caller: Caller?
    /// The web interface's session, when the request came with one (`WebMiddleware`).
    var webSession: WebSessions.Session?
    let note = RequestNote()
    /// The client's address, for the audit log and the count of refusals.
    let client: String

    init(source: Source) {
        coreContext = CoreRequestContextStorage(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "-"
    }

    /// The caller, when their role may do `permission`; otherwise a 403.
    func authorize(_ permission: Permission) throws -> Caller {
        guard let caller else { throw APIError(.unauthorized, "missing-token", "this request needs a bearer token") }
        guard permission.allows(caller.role) else {
            throw APIError.forbidden("forbidden-role", "the \(caller.role.rawValue) role may not do this")
        }
        return caller
    }
}
