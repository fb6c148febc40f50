import Hummingbird

/// A request ppod refuses, answered as `{"error": {"status", "code", "message"}}`.
struct APIError: Error, Sendable {
    let status: HTTPResponse.Status
    /// A stable code a client can branch on (docs/ppod.md, "Errors").
    let code: String
    let message: String

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status; self.code = code; self.message = message
    }

    static func badRequest(_ code: String, _ message: String) -> APIError { APIError(.badRequest, code, message) }
    static func notFound(_ code: String, _ message: String) -> APIError { APIError(.notFound, code, message) }
    static func forbidden(_ code: String, _ message: String) -> APIError { APIError(.forbidden, code, message) }
}
