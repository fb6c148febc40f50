/// The shape of a valid multi-byte UTF-8 sequence, shared by both JSON readers so they can never
/// disagree on what counts as valid text: no overlong forms, no surrogates, nothing beyond U+10FFFF.
enum UTF8Sequence {
    /// For a lead byte, how many continuation bytes follow and the range the first of them must fall
    /// in (the rest are 0x80…0xBF); `nil` when the byte cannot start a multi-byte sequence.
    static func shape(lead: UInt8) -> (count: Int, low: UInt8, high: UInt8)? {
        switch lead {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }

    /// Whether continuation byte number `n` (1-based) of a sequence of `shape` is valid.
    static func accepts(_ byte: UInt8, at n: Int, of shape: (count: Int, low: UInt8, high: UInt8)) -> Bool {
        n == 1 ? (shape.low...shape.high).contains(byte) : (0x80...0xBF).contains(byte)
    }
}
