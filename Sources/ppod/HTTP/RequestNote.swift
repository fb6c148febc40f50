/// What a request's handler found out, for the middleware around it: the caller, the route as
/// registered, and for the audit log what it did and to which offenders.
///
/// A reference, because a request context is a value: what the auth middleware and the handler set
/// on their copies would not reach the audit and metrics middleware outside them.
final class RequestNote: Sendable {
    struct Facts: Sendable {
        var caller: Caller?
        var route: String?
        var action: String?
        var offenders: [String] = []
        /// The route wrote its audit entry in the transaction of its change (ingest, run).
        var audited = false
    }

    private let facts = Locked(Facts())

    var current: Facts { facts.get() }

    func update(_ body: (inout Facts) -> Void) { facts.update(body) }
}
