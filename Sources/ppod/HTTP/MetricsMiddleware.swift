import Foundation
import Hummingbird

/// Counts every request by route, method and status, and times it.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = PPODContext
    let metrics: Metrics

    func handle(_ request: Request, context: PPODContext, next: (Request, PPODContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let route = context.note.current.route ?? "unmatched"
        metrics.count("ppod_requests_total", labels: [("route", route), ("method", request.method.rawValue),
                                                      ("status", String(response.status.code))])
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.observe("ppod_request_duration_seconds", labels: [("route", route)], seconds: seconds)
        return response
    }
}
