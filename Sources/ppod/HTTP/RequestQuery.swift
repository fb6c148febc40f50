import Foundation
import Hummingbird
import PPOEngine

/// A request's query parameters, decoded, with the checks every route shares.
struct RequestQuery: Sendable {
    private var values: [String: String] = [:]

    init(_ request: Request) {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if values[key] == nil { values[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    subscript(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// A `YYYY-MM-DD` parameter, or `fallback` when absent; 400 `bad-date` when it is not a date.
    func day(_ key: String, default fallback: Day) throws -> Day {
        guard let text = self[key] else { return fallback }
        guard let day = Day(iso: text) else {
            throw APIError.badRequest("bad-date", "\(key) '\(text)' is not a valid date (YYYY-MM-DD)")
        }
        return day
    }

    /// A whole-number parameter within `range`, or `fallback`.
    func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = self[key] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("bad-parameter",
                                      "\(key) '\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func flag(_ key: String) throws -> Bool {
        guard let text = self[key] else { return false }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest("bad-parameter", "\(key) '\(text)' must be true or false")
        }
    }

    /// JSON, or CSV when `?format=csv` or the Accept header asks for `text/csv`.
    func format(_ request: Request, csvAvailable: Bool = true) throws -> OutputFormat {
        let accept = request.headers[.accept] ?? ""
        let wantsCSV: Bool
        switch self["format"] {
        case "csv"?: wantsCSV = true
        case "json"?: wantsCSV = false
        case let other?: throw APIError.badRequest("bad-parameter", "format '\(other)' must be json or csv")
        case nil: wantsCSV = accept.contains("text/csv") && !accept.contains("application/json")
        }
        if wantsCSV && !csvAvailable {
            throw APIError(.notAcceptable, "not-acceptable", "this answer is JSON only")
        }
        return wantsCSV ? .csv : .json
    }
}

extension PPODContext {
    /// A path parameter, percent-decoded (matrix and checklist names hold spaces).
    func pathParameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else {
            throw APIError.badRequest("bad-parameter", "missing path parameter \(name)")
        }
        return raw.removingPercentEncoding ?? raw
    }
}
