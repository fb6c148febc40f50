import Hummingbird

extension Router where Context == PPODContext {
    /// Registers a route that needs `permission`, noting for the audit and metrics middleware the
    /// route as written and what it does (`action`: nil for routes that touch no offender data).
    func route(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission, action: String?,
               _ handler: @escaping @Sendable (Request, PPODContext, Caller) async throws -> Response) {
        on(RouterPath(path), method: method) { request, context in
            context.note.update { facts in
                facts.route = path
                facts.action = action
            }
            let caller = try context.authorize(permission)
            return try await handler(request, context, caller)
        }
    }
}

extension PPODContext {
    /// Records, for the audit log, the offenders an answer holds.
    func disclosed(_ ids: [String]) {
        note.update { $0.offenders = Distinct.ids(ids) }
    }

    /// As `disclosed`, for a list already made distinct when it was stored (a run's outputs): a
    /// large area's list is not checked again on every read.
    func disclosed(distinct ids: [String]) {
        note.update { $0.offenders = ids }
    }
}
