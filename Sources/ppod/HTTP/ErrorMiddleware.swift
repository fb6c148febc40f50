import Foundation
import Hummingbird
import PPOEngine

/// Answers every failure as JSON with a stable code: refused requests, unknown routes, and (logged)
/// failures of ppod itself.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = PPODContext

    func handle(_ request: Request, context: PPODContext, next: (Request, PPODContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return Self.response(error)
        } catch let error as HTTPError {
            let code: String
            switch error.status.code {
            case 404:
                return Self.response(APIError(.notFound, "not-found",
                                              "no such endpoint: \(request.method) \(request.uri.path) (see docs/ppod.md)"))
            case 405: code = "method-not-allowed"
            case 413: code = "too-large"
            default: code = error.status.code < 500 ? "bad-request" : "internal"
            }
            return Self.response(APIError(error.status, code, error.body ?? error.status.reasonPhrase))
        } catch {
            // The detail (SQL, file paths) is for the log only; the caller gets an id to quote.
            let id = UUID().uuidString.lowercased()
            context.logger.error("request failed", metadata: ["request_id": "\(id)", "error": "\(SafeText.escaped("\(error)"))"])
            return Self.response(APIError(.internalServerError, "internal",
                                          "ppod could not answer this request; the log has the details under request id \(id)"))
        }
    }

    static func response(_ error: APIError) -> Response {
        let body = Answer.object([
            ("error", Answer.object([
                ("status", Answer.number(Int(error.status.code))),
                ("code", .string(error.code)),
                ("message", .string(error.message)),
            ])),
        ])
        var headers = HTTPFields()
        if error.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"ppod\"" }
        return Answer.json(body, status: error.status, headers: headers)
    }
}
