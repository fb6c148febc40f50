/// Building JSON for output: the reader's `JSONValue` keeps key order and exact number text, so
/// results are written with the same type they are read with.
extension JSONValue {
    /// An object from key–value pairs, in output order.
    public static func fields(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.0, value: $0.1) })
    }

    /// Neither an array nor an object.
    public var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// An exact decimal number.
    public static func decimal(_ value: Decimal6) -> JSONValue { .number(value.description) }
    public static func decimal(_ value: ExactDecimal) -> JSONValue { .number(value.description) }

    /// A whole number.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A string, or `null` when absent.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// An array of strings.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
