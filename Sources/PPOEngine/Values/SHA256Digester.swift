/// A SHA-256 digest as its 32 bytes, compared and hashed by value without an allocation.
public struct SHA256Digest: Hashable, Sendable {
    // The digest's bytes in order, eight at a time (native byte order of the loads and stores).
    var words: (UInt64, UInt64, UInt64, UInt64)

    /// The digest held in `bytes`, which must be 32 long (nil otherwise).
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        words = (0, 0, 0, 0)
        let array = Array(bytes)
        // 32 bytes into the 32-byte tuple.
        array.withUnsafeBytes { source in withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: source) } }
    }

    init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// 32 zero bytes: the digest of no input anyone will find.
    public static let zero = SHA256Digest(words: (0, 0, 0, 0))

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes(of: words) { Array($0) } }

    /// Lets `body` read the 32 bytes in place (for binding them into a statement without a copy).
    public func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withUnsafeBytes(of: words) { try body($0) }
    }

    public static func == (a: SHA256Digest, b: SHA256Digest) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }
}

/// SHA-256 of many separate inputs one after another (each record of an ingest), reusing one
/// libcrypto context rather than making and freeing one per input. One thread at a time.
public final class SHA256Digester {
    private let native: LibcryptoSHA256Context?

    public init() {
        if SHA256.preferred == .libcrypto, let api = LibcryptoSHA256API.shared {
            native = LibcryptoSHA256Context(api: api)
        } else {
            native = nil
        }
    }

    /// The digest of `bytes` alone: the same as `SHA256.hex(of:)`, as bytes.
    public func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> SHA256Digest {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        if let native {
            // The tuple is the 32 bytes `finish` writes.
            let done = native.update(bytes) && withUnsafeMutableBytes(of: &words) { native.finish(into: $0) }
            let ready = native.restart()
            if done && ready { return SHA256Digest(words: words) }
        }
        var portable = PortableSHA256()
        portable.update(bytes)
        return SHA256Digest(portable.digest()) ?? SHA256Digest(words: words)
    }

    /// `digest` of an array's bytes.
    public func digest(_ bytes: [UInt8]) -> SHA256Digest {
        // Scoped borrow for the call.
        bytes.withUnsafeBufferPointer { digest($0) }
    }
}
