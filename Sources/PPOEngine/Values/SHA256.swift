import Foundation

/// SHA-256 (FIPS 180-4), fed in pieces, for the rules and data digests every result carries.
///
/// Foundation has no hash on Linux and the engine may link nothing else, so this uses OpenSSL's
/// libcrypto when it can be opened at run time (`LibcryptoSHA256API`, about four times faster: the
/// data digest hashes every input byte) and the portable Swift implementation otherwise. Setting the
/// environment variable `PPO_SHA256=swift` forces the Swift one. Both give the same digests.
///
/// A value type: a copy made mid-stream goes on independently of the original (the libcrypto
/// context is copied on the first write after such a copy, never shared between writers).
public struct SHA256: Sendable {
    /// Which implementation a hasher uses.
    enum Implementation: Sendable {
        case portable, libcrypto
    }

    private var portable: PortableSHA256?
    private var native: LibcryptoSHA256Context?

    /// The implementation `init()` picks: libcrypto unless it is missing or `PPO_SHA256=swift`.
    static let preferred: Implementation = {
        if let choice = getenv("PPO_SHA256"), String(cString: choice) == "swift" { return .portable }
        return LibcryptoSHA256API.shared == nil ? .portable : .libcrypto
    }()

    public init() { self.init(implementation: SHA256.preferred) }

    /// A hasher using `implementation`, or the portable one if libcrypto is unavailable (tests).
    init(implementation: Implementation) {
        if implementation == .libcrypto, let api = LibcryptoSHA256API.shared, let context = LibcryptoSHA256Context(api: api) {
            native = context
        } else {
            portable = PortableSHA256()
        }
    }

    /// The implementation this hasher is using.
    var implementation: Implementation { native == nil ? .portable : .libcrypto }

    /// The lowercase hex digest of `bytes`.
    public static func hex(of bytes: some Collection<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Adds more message bytes.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { absorb($0) }
        if handled == nil {
            // Scoped borrows: `absorb` reads the bytes during the call and keeps none.
            Array(bytes).withUnsafeBufferPointer { absorb($0) }
        }
    }

    /// The lowercase hex digest of everything added so far; `self` is left unchanged.
    public func finalize() -> String {
        let bytes: [UInt8]
        if let native {
            guard let digest = native.digest() else { preconditionFailure("libcrypto refused to finish a SHA-256 digest") }
            bytes = digest
        } else {
            bytes = (portable ?? PortableSHA256()).digest()
        }
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private mutating func absorb(_ input: UnsafeBufferPointer<UInt8>) {
        if native != nil {
            // Copy on write: a copy of this hasher may share the context.
            if !isKnownUniquelyReferenced(&native), let shared = native {
                guard let copy = LibcryptoSHA256Context(copying: shared) else {
                    preconditionFailure("libcrypto refused to copy a SHA-256 digest")
                }
                native = copy
            }
            // Once initialised, libcrypto's SHA-256 update cannot fail; a refusal is a broken library.
            guard native?.update(input) == true else { preconditionFailure("libcrypto refused SHA-256 input") }
        } else {
            portable?.update(input)
        }
    }
}
