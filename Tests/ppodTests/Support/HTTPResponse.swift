import Foundation
import Testing

/// One answer of the daemon: status, headers (looked up case-insensitively) and body bytes.
struct HTTPResponse: CustomStringConvertible, Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data

    init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.body = body
    }

    /// The header `name`, whatever its case.
    func header(_ name: String) -> String? { headers[name.lowercased()] }

    var text: String { String(decoding: body, as: UTF8.self) }

    var description: String {
        let shown = text.count > 3000 ? String(text.prefix(3000)) + "…" : text
        return "HTTP \(status) \(headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })\n\(shown)"
    }

    /// The body as a JSON object; records an issue (and throws) when it is not one.
    func object(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(self)", sourceLocation: sourceLocation)
    }

    /// `{"error": {"status", "code", "message"}}`: the code, checking the shape and that `status` repeats the HTTP status.
    func errorCode(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let error = try #require(try object(sourceLocation: sourceLocation)["error"] as? [String: Any],
                                 "no \"error\" object: \(self)", sourceLocation: sourceLocation)
        #expect(error["status"] as? Int == status, "error.status differs from the HTTP status: \(self)",
                sourceLocation: sourceLocation)
        #expect((error["message"] as? String)?.isEmpty == false, "error without a message: \(self)",
                sourceLocation: sourceLocation)
        return try #require(error["code"] as? String, "error without a code: \(self)", sourceLocation: sourceLocation)
    }

    /// The error's message, or "" when the body has none.
    var errorMessage: String {
        guard let value = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let error = value["error"] as? [String: Any] else { return "" }
        return error["message"] as? String ?? ""
    }

    /// The body's lines (JSON Lines), without the empty string after a final newline.
    var lines: [String] { JSONLines.lines(of: body) }
}

/// Small readers of JSON Lines and of the JSON documents `ppo` writes.
enum JSONLines {
    /// The lines of `data`, without the empty string after a final newline.
    static func lines(of data: Data) -> [String] {
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The `id` of each line that is a JSON object with one.
    static func ids(of data: Data) -> [String] {
        lines(of: data).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    /// Each record's `area` by id (records without an area map to nil), from a JSON Lines file.
    static func areas(of data: Data) -> [String: String?] {
        var areas: [String: String?] = [:]
        for line in lines(of: data) {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = record["id"] as? String else { continue }
            areas[id] = record["area"] as? String
        }
        return areas
    }

    /// The lines of `data` whose record has `area` equal to `area`, as JSON Lines bytes.
    static func filter(_ data: Data, area: String) -> Data {
        let kept = lines(of: data).filter { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["area"] as? String == area
        }
        return Data((kept.map { $0 + "\n" }.joined()).utf8)
    }

    /// The ids a ranking document holds: the ranked offenders, then the ineligible ones.
    static func rankingIDs(_ document: [String: Any]) -> [String] {
        let ranked = (document["offenders"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let ineligible = (document["ineligible"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        return ranked + ineligible
    }

    /// Each element of `list` in canonical form, sorted: two lists compare as multisets, whatever their order.
    static func canonicalElements(_ list: [Any]) -> [String] {
        list.map(canonical).sorted()
    }

    /// `value` re-serialised with sorted keys, so two parsed documents compare by content.
    static func canonical(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else {
            return "\(value)"
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Byte comparison without Swift Testing's element-by-element diff of two `Data` (thousands of
/// numbers): the failure messages say where the documents differ instead.
enum Bytes {
    static func same(_ a: Data, _ b: Data) -> Bool { a == b }
}
