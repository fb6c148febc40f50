import PPOEngine

/// Who made a request: the token's name, role and areas.
struct Caller: Sendable {
    let name: String
    let role: Role
    /// The areas the token sees; nil means every area (`*` in the token file).
    let areas: [String]?

    /// Whether the token sees offenders of `area` (nil: a record with no area, seen by `*` only).
    /// Areas match by their exact bytes: `Cafe\u0301` is not the area `Caf\u00e9`.
    func sees(_ area: String?) -> Bool {
        guard let areas else { return true }
        guard let area else { return false }
        return ExactText.list(areas, contains: area)
    }

    /// `sees` for the store to filter by, or nil for a token that sees every area.
    var areaCheck: (@Sendable (String?) -> Bool)? {
        guard areas != nil else { return nil }
        let caller = self
        return { caller.sees($0) }
    }
}
