import Foundation
import Testing
@testable import ppod

/// The fast writer of id lists gives `JSONSerialization`'s bytes: audit entries hash that text.
@Suite struct StringListTests {
    @Test func listsAreWrittenAsJSONSerializationWritesThem() throws {
        let awkward = ["NT-0001", "", "a/b", "quote\"d", "back\\slash", "tab\there", "nul\u{0}x", "\u{1F}", "\u{7F}",
                       "Caf\u{E9}", "Cafe\u{301}", "\u{1F600}", "line\nfeed", " spaced ", "S-0000001", "<>&'"]
        var lists: [[String]] = [[], [""], awkward, (0..<1000).map { "S-\($0)" }]
        var rng = SplitMix64Stub(seed: 3)
        lists.append((0..<200).map { _ in
            String(decoding: (0..<rng.below(12)).map { _ in UInt8(rng.below(128)) }, as: UTF8.self)
        })
        for list in lists {
            let expected = String(decoding: try JSONSerialization.data(withJSONObject: list, options: []), as: UTF8.self)
            #expect(StringList.encode(list) == expected)
            #expect(StringList.decode(StringList.encode(list)).map { Array($0.utf8) } == list.map { Array($0.utf8) })
        }
    }

    /// Lists with no escape are split directly: the same strings, byte for byte, as
    /// `JSONSerialization` reads; anything else is left to it.
    @Test(arguments: [
        #"[]"#, #"[""]"#, #"["a,b","Café","Cafe\#u{301}","x y",""]"#, #"["S-1","S-2"]"#, #"["[","]"]"#,
        #"["a"b"]"#, #"["a\/b"]"#, #"["unterminated]"#, #"["a" ,"b"]"#, #"["a""b"]"#, #"[1]"#, #"["a",]"#,
    ])
    func listsAreReadAsJSONSerializationReadsThem(text: String) throws {
        let expected = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
        #expect(StringList.decode(text).map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(text)")
    }

    struct SplitMix64Stub {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func below(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }
}
