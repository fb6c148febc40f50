import Foundation
import Hummingbird
import PPOEngine

/// Writes every request that read or changed offender data, and refused requests, to the audit log
/// before the answer leaves (DPA 2018 s.62).
///
/// Fails closed: when the entry cannot be written, the answer is withheld and a 503 is sent, as
/// offender data must not be disclosed without a record of the disclosure. A change (an ingest, a
/// run) writes its entry in its own transaction, and the route notes that it did. Refusals are
/// counted by client, and only the first few of each client per minute are written (`RefusalLimiter`).
struct AuditMiddleware: RouterMiddleware {
    typealias Context = PPODContext
    let log: AuditLog
    let metrics: Metrics

    func handle(_ request: Request, context: PPODContext, next: (Request, PPODContext) async throws -> Response) async throws -> Response {
        let at = Date.now.ISO8601Format()
        let response = try await next(request, context)
        let facts = context.note.current
        let refused = response.status == .unauthorized || response.status == .forbidden
        guard (facts.action != nil && !facts.audited) || refused else { return response }
        if refused {
            let label = [("client", log.refusals.label(context.client))]
            metrics.count("ppod_refusals_total", labels: label)
            guard log.refusals.admit(context.client) else {
                metrics.count("ppod_refusals_unaudited_total", labels: label)
                return response
            }
        }
        let entry = AuditEntry(request: request, context: context, at: at, status: Int(response.status.code),
                               action: refused ? "refused" : facts.action ?? "refused", offenders: facts.offenders)
        do {
            try await log.append(entry)
        } catch {
            context.logger.error("audit entry not written, answer withheld: \(SafeText.escaped("\(error)"))")
            return ErrorMiddleware.response(APIError(.serviceUnavailable, "audit-unavailable",
                                                     "the audit log cannot be written, so no offender data is served"))
        }
        return response
    }
}

extension AuditEntry {
    /// The entry of `request`: who (the caller, or `-`), from where, what, and the path with its
    /// query as `loggedPath` bounds it.
    init(request: Request, context: PPODContext, at: String = Date.now.ISO8601Format(), status: Int, action: String,
         offenders: [String]) {
        let caller = context.note.current.caller
        self.init(at: at, token: caller?.name ?? "-", role: caller?.role.rawValue ?? "-", method: request.method.rawValue,
                  path: AuditEntry.loggedPath(request.uri.description), status: status, action: action,
                  offenders: offenders, client: context.client)
    }
}
