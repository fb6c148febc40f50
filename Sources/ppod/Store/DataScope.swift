/// The offenders one request works on: those of one area, or every offender.
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
}
