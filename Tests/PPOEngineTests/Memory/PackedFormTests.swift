import Testing
@testable import PPOEngine

/// The packed form keeps every signed number a line's points can take, the extremes included.
@Suite struct PackedFormTests {
    @Test(arguments: [0, 1, -1, 63, -64, 4_000_000, -4_000_000, Int64(1) << 62, -(Int64(1) << 62),
                      (Int64(1) << 62) + 1, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1] as [Int64])
    func signedNumbersRoundTrip(value: Int64) {
        var form = FormWriter()
        form.signed(value)
        form.count(7)
        let read = form.bytes.array().withUnsafeBytes { raw -> (Int64, Int) in
            var reader = FormReader(raw, at: 0)
            return (reader.signed(), reader.count())
        }
        #expect(read.0 == value)
        #expect(read.1 == 7)
    }
}
