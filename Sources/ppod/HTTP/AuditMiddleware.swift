import Foundation
import Hummingbird
import PPOEngine

/// Writes every request that read or changed offender data, and every refused request, to the
/// audit log before the answer leaves (DPA 2018 s.62).
///
/// Fails closed: when the entry cannot be written, the answer is withheld and a 503 is sent, as
/// offender data must not be disclosed without a record of the disclosure.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = PPODContext
    let log: AuditLog

    func handle(_ request: Request, context: PPODContext, next: (Request, PPODContext) async throws -> Response) async throws -> Response {
        let at = Date.now.ISO8601Format()
        let response = try await next(request, context)
        let facts = context.note.current
        let refused = response.status == .unauthorized || response.status == .forbidden
        guard facts.action != nil || refused else { return response }
        let entry = AuditEntry(at: at, token: facts.caller?.name ?? "-", role: facts.caller?.role.rawValue ?? "-",
                               method: request.method.rawValue, path: request.uri.description,
                               status: Int(response.status.code),
                               action: refused ? "refused" : facts.action ?? "refused",
                               offenders: facts.offenders)
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
