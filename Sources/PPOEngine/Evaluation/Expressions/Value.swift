/// A runtime value of the rules language. `missing` is a value: it flows through arithmetic and
/// makes comparisons false (SPEC §4). Strings are equal when their UTF-8 bytes are (`ExactText`).
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

    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.missing, .missing): return true
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return ExactText.same(x, y)
        case (.date(let x), .date(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.category(let x), .category(let y)): return x == y
        case (.record(let x), .record(let y)): return x == y
        case (.strings(let x), .strings(let y)): return x.count == y.count && zip(x, y).allSatisfy(ExactText.same)
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .missing: hasher.combine(0)
        case .number(let n): hasher.combine(1); hasher.combine(n)
        case .bool(let b): hasher.combine(2); hasher.combine(b)
        case .string(let s): hasher.combine(3); hasher.combine(ExactText(s))
        case .date(let d): hasher.combine(4); hasher.combine(d)
        case .duration(let d): hasher.combine(5); hasher.combine(d)
        case .category(let c): hasher.combine(6); hasher.combine(c)
        case .record(let r): hasher.combine(7); hasher.combine(r)
        case .strings(let list): hasher.combine(8); hasher.combine(list.map(ExactText.init))
        }
    }

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
