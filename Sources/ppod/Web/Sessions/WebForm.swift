import Foundation
import Hummingbird

/// A submitted form (`application/x-www-form-urlencoded`), read whole: forms are small.
struct WebForm: Sendable {
    static let limit = 64 << 10
    /// The hidden field every state-changing form carries.
    static let tokenField = "_csrf"

    private var values: [String: String] = [:]

    init(text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if values[key] == nil { values[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    static func read(_ request: Request) async throws -> WebForm {
        let bytes = try await BodyReader.collect(request, limit: limit)
        return WebForm(text: String(decoding: bytes, as: UTF8.self))
    }

    subscript(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// Refuses (403) a form whose token is not the session's: a page of another site cannot make a
    /// signed-in browser change anything.
    func checkToken(expected: String?) throws {
        guard let expected, let given = self[Self.tokenField], WebSessions.same(given, expected) else {
            throw APIError.forbidden("bad-form-token",
                                     "this form is out of date or did not come from ppod: open the page again and resubmit")
        }
    }
}
