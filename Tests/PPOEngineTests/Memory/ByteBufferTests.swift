import Testing
@testable import PPOEngine

/// The scoring loop's byte buffers: what goes in comes out, across regrowth, and a text built in
/// place reads back whole whatever its length (a length over 127 needs a longer prefix, moved in
/// after the text was written).
@Suite struct ByteBufferTests {
    @Test func appendsSurviveRegrowth() {
        var buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        for n in 0..<5_000 {
            let byte = UInt8(truncatingIfNeeded: n &* 31)
            buffer.append(byte)
            expected.append(byte)
            if n % 97 == 0 {
                buffer.append("× ")
                expected += Array("× ".utf8)
                buffer.append(utf8: "S-\(n)")
                expected += Array("S-\(n)".utf8)
            }
        }
        let written = buffer.array()
        #expect(written == expected)
        buffer.removeAll()
        let emptied = buffer.isEmpty
        #expect(emptied)
    }

    /// Runs of every length from 0 to 40 (short ones are copied without `memcpy`, in overlapping
    /// words), each after every misalignment, land whole and touch nothing around them.
    @Test func appendsOfEveryShortLengthLandWhole() {
        var buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        for length in 0...40 {
            for lead in 0..<8 {
                for _ in 0..<lead {
                    buffer.append(0xEE)
                    expected.append(0xEE)
                }
                let run = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ length &+ lead) }
                run.withUnsafeBufferPointer { buffer.append($0) }
                expected += run
            }
        }
        #expect(buffer.array() == expected)
    }

    @Test(arguments: [0, 1, 63, 64, 127, 128, 129, 8_191, 8_192, 16_384, 40_000])
    func textBuiltInPlaceReadsBack(length: Int) {
        var form = FormWriter(capacity: 4)
        form.byte(7)
        let at = form.beginText()
        let text = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        text.withUnsafeBufferPointer { form.bytes.append($0) }
        form.endText(at)
        form.count(300)
        form.text("S-0000001-O01")
        let bytes = form.bytes.array()
        bytes.withUnsafeBytes { raw in
            var reader = FormReader(raw)
            #expect(reader.byte() == 7)
            #expect(Array(reader.textBytes()) == text)
            #expect(reader.count() == 300)
            #expect(reader.text() == "S-0000001-O01")
        }
    }

    /// An id written once and referred back to reads as the id each time; a reference that points
    /// before the buffer, at itself or at another reference reads as empty, never out of bounds.
    @Test func referencesBackReadAsTheTextTheyName() {
        var form = FormWriter(capacity: 4)
        form.byte(1)
        let first = form.bytes.count
        form.text("S-0000001-O01")
        let second = form.bytes.count
        form.text("S-0000001-O02")
        form.count(42)
        form.textReference(to: second)
        form.textReference(to: first)
        let reference = form.bytes.count
        form.textReference(to: second)
        form.textReference(to: reference)    // a reference to a reference
        form.count(((form.bytes.count + 5) << 1) | 1)   // reaches back before the buffer
        form.count(1)                        // distance zero: itself
        form.text("after")
        let bytes = form.bytes.array()
        bytes.withUnsafeBytes { raw in
            var reader = FormReader(raw)
            #expect(reader.byte() == 1)
            #expect(reader.text() == "S-0000001-O01")
            #expect(reader.text() == "S-0000001-O02")
            #expect(reader.count() == 42)
            #expect(reader.text() == "S-0000001-O02")
            #expect(reader.text() == "S-0000001-O01")
            #expect(reader.text() == "S-0000001-O02")
            #expect(reader.text() == "")
            #expect(reader.text() == "")
            #expect(reader.text() == "")
            #expect(reader.text() == "after")
        }
    }
}
