import Testing
@testable import PPOEngine

@Suite struct SHA256Tests {
    /// FIPS 180-2 appendix B vectors plus the empty message.
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func fipsVectors(message: String, digest: String) {
        #expect(SHA256.hex(of: Array(message.utf8)) == digest)
    }

    @Test func millionAs() {
        var hasher = SHA256()
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(block) }
        #expect(hasher.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Feeding in uneven pieces, across and inside block boundaries, gives the one-shot digest.
    @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 127, 200])
    func piecesMatchOneShot(pieceSize: Int) {
        let message = (0..<517).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256()
        var start = 0
        while start < message.count {
            let end = min(start + pieceSize, message.count)
            hasher.update(message[start..<end])
            start = end
        }
        #expect(hasher.finalize() == SHA256.hex(of: message))
    }

    @Test func finalizeLeavesTheHasherUsable() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        _ = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func acceptsNonContiguousSequences() {
        #expect(SHA256.hex(of: "abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

/// The libcrypto fast path and the portable Swift code give the same digests, however they are fed.
@Suite struct SHA256ImplementationTests {
    static let vectors: [(String, [UInt8])] = [
        ("empty", []),
        ("abc", Array("abc".utf8)),
        ("448-bit", Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
        ("million a", [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
    ]

    @Test func libcryptoLoadsOnLinux() {
        #if os(Linux)
        #expect(SHA256(implementation: .libcrypto).implementation == .libcrypto)
        #endif
        #expect(SHA256(implementation: .portable).implementation == .portable)
    }

    @Test func knownVectorsAgree() {
        let expected = [
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        ]
        for ((name, message), digest) in zip(Self.vectors, expected) {
            for implementation in [SHA256.Implementation.portable, .libcrypto] {
                var hasher = SHA256(implementation: implementation)
                hasher.update(message)
                #expect(hasher.finalize() == digest, "\(name), \(implementation)")
            }
        }
    }

    @Test func randomInputsInRandomPiecesAgree() {
        var random = SplitMix(seed: 42)
        for _ in 0..<200 {
            let count = Int(random.next() % 5_000)
            let message = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var fast = SHA256(implementation: .libcrypto)
            var portable = SHA256(implementation: .portable)
            var start = 0
            while start < message.count {
                let end = min(message.count, start + 1 + Int(random.next() % 300))
                fast.update(message[start..<end])
                portable.update(message[start..<end])
                start = end
            }
            #expect(fast.finalize() == portable.finalize(), "\(count) bytes")
        }
    }

    /// A copy taken mid-stream goes on independently, as a value should.
    @Test(arguments: [SHA256.Implementation.portable, .libcrypto])
    func copiesAreIndependent(implementation: SHA256.Implementation) {
        var original = SHA256(implementation: implementation)
        original.update(Array("ab".utf8))
        var copy = original
        copy.update(Array("c".utf8))
        original.update(Array("x".utf8))
        #expect(copy.finalize() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(original.finalize() == SHA256.hex(of: Array("abx".utf8)))
    }

    /// A small deterministic generator, so a failure can be reproduced.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
