import PPOEngine

/// The rule an area name from data must keep for ppod to store it (docs/records.md, `area`).
///
/// Areas are names users choose scopes by (`?area=`, the token file), so a name `*` (which means
/// every area there), an empty one, one with a control character or with whitespace at either end
/// would be a scope nobody can name, or one that looks like another.
enum AreaName {
    /// Why `name` cannot be an area, or nil when it can.
    static func problem(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first, let last = name.unicodeScalars.last else {
            return "the area is empty"
        }
        if name.unicodeScalars.contains("*") { return "an area name may not hold '*' (it means every area)" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "an area name may not hold a control character"
        }
        if first.properties.isWhitespace || last.properties.isWhitespace {
            return "an area name may not begin or end with whitespace"
        }
        return nil
    }

    /// The key two areas share when they differ only in case: the bytes of the lower-cased name.
    /// Unicode normalisation is not folded: `Café` precomposed and decomposed stay two areas, as
    /// every identifier from data compares by its exact bytes.
    static func fold(_ name: String) -> ExactText { ExactText(name.lowercased()) }
}
