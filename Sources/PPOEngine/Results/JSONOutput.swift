/// A JSON document built by hand, so key order and exact decimals are under our control.
///
/// Objects keep their keys in the order given; numbers are exact decimal text, never `Double`.
public indirect enum JSONOutput: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Exact number text, e.g. from `Decimal6.description` or an integer.
    case number(String)
    case string(String)
    case array([JSONOutput])
    /// Keys in output order.
    case object([(String, JSONOutput)])

    /// Neither an array nor an object.
    public var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// An exact decimal number.
    public static func decimal(_ value: Decimal6) -> JSONOutput { .number(value.description) }

    /// A whole number.
    public static func int(_ value: Int) -> JSONOutput { .number(String(value)) }

    /// A string, or `null` when absent.
    public static func optional(_ value: String?) -> JSONOutput { value.map(JSONOutput.string) ?? .null }

    /// An array of strings.
    public static func strings(_ values: [String]) -> JSONOutput { .array(values.map(JSONOutput.string)) }

    public static func == (a: JSONOutput, b: JSONOutput) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let v): hasher.combine(1); hasher.combine(v)
        case .number(let v): hasher.combine(2); hasher.combine(v)
        case .string(let v): hasher.combine(3); hasher.combine(v)
        case .array(let v): hasher.combine(4); hasher.combine(v)
        case .object(let v):
            hasher.combine(5)
            for (key, value) in v { hasher.combine(key); hasher.combine(value) }
        }
    }
}
