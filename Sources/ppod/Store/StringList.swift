import Foundation
import PPOEngine

/// A list of strings stored in one column, as a JSON array (ids and area names may hold any character).
enum StringList {
    /// The engine's own quoting, not `JSONSerialization`'s: every audited answer encodes the ids it
    /// disclosed, and bridging each id to an `NSString` took a quarter of a busy daemon's CPU. Lists
    /// stored before (with `/` escaped) decode the same.
    static func encode(_ strings: [String]) -> String {
        var out = "["
        out.reserveCapacity(strings.count * 14 + 2)
        for (index, text) in strings.enumerated() {
            if index > 0 { out += "," }
            JSONWriter.quote(text, into: &out)
        }
        out += "]"
        return out
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }
}
