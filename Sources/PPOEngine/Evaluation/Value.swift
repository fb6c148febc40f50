/// A runtime value of the rules language. `missing` is a value: it flows through arithmetic and
/// makes comparisons false (SPEC §4).
public enum Value: Sendable, Hashable {
    case missing
    case number(ExactDecimal)
    case bool(Bool)
    case string(String)
    case date(Day)
    case duration(PPODuration)
    /// An offence category by index.
    case category(Int)
    case record(RecordRef)
    case strings([String])

    var isMissing: Bool { if case .missing = self { return true } else { return false } }

    /// A condition's truth: missing counts as false.
    var isTrue: Bool { if case .bool(true) = self { return true } else { return false } }

    /// How a value reads in a form line or message.
    func text(categories: CategoryTable) -> String {
        switch self {
        case .missing: return "no data"
        case .number(let n): return n.description
        case .bool(let b): return b ? "yes" : "no"
        case .string(let s): return s
        case .date(let d): return d.description
        case .duration(let d): return d.description
        case .category(let c): return categories.names.indices.contains(c) ? categories.names[c] : "?"
        case .record(let r): return r.kind.singular
        case .strings(let list): return list.joined(separator: ", ")
        }
    }
}

/// Which record a value refers to: the offender itself, or one element of one of its collections.
public struct RecordRef: Sendable, Hashable {
    public let kind: RecordKind
    /// Index in the offender's collection (unused for the offender and ppo).
    public let index: Int32
    /// For case events, the index of the case.
    public let parent: Int32

    public static let offender = RecordRef(kind: .offender, index: 0, parent: 0)
    public init(kind: RecordKind, index: Int32, parent: Int32 = 0) {
        self.kind = kind; self.index = index; self.parent = parent
    }
}
