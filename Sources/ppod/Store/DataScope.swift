import PPOEngine

/// The offenders one request works on: those of one area, or every offender.
///
/// Areas are identifiers from data: two scopes are the same only when their area names have the
/// same UTF-8 bytes (`ExactText`), as the store compares them, so an answer cached for one area is
/// never served for another that merely looks like it.
enum DataScope: Sendable, Hashable, CustomStringConvertible {
    case all
    case area(String)

    /// How the scope is named in URLs, stored run outputs and the audit log: `*` for every area.
    var description: String {
        switch self {
        case .all: return "*"
        case .area(let name): return name
        }
    }

    static func == (a: DataScope, b: DataScope) -> Bool {
        switch (a, b) {
        case (.all, .all): return true
        case (.area(let x), .area(let y)): return ExactText.same(x, y)
        default: return false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .all: hasher.combine(0)
        case .area(let name): hasher.combine(1); hasher.combine(ExactText(name))
        }
    }
}
