/// The portable SHA-256 (FIPS 180-4) in Swift: the fallback when libcrypto is not loadable, and the
/// reference the fast path is tested against (`PPO_SHA256=swift` selects it).
struct PortableSHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes of an incomplete block waiting for more input (always fewer than 64).
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    init() {}

    // `input` is read during the call only (whole 64-byte blocks, the rest copied to `pending`).
    mutating func update(_ input: UnsafeBufferPointer<UInt8>) { absorb(input) }

    /// The 32-byte digest of everything added so far; `self` is left unchanged.
    func digest() -> [UInt8] {
        var copy = self
        let bitLength = copy.length &* 8
        var tail: [UInt8] = [0x80]
        let used = (copy.pending.count + 1) % 64
        let zeros = used <= 56 ? 56 - used : 120 - used
        tail.append(contentsOf: repeatElement(0, count: zeros))
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        // Scoped borrow of a local array.
        tail.withUnsafeBufferPointer { copy.absorb($0, counting: false) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for word in copy.state {
            for shift in stride(from: 24, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        return bytes
    }

    private mutating func absorb(_ input: UnsafeBufferPointer<UInt8>, counting: Bool = true) {
        if counting { length &+= UInt64(input.count) }
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, input.count)
            pending.append(contentsOf: input[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            let block = pending
            // `pending` holds exactly 64 bytes here (guarded above).
            block.withUnsafeBytes { compress(UnsafeRawBufferPointer(rebasing: $0[0..<64])) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (input.count - offset) / 64 * 64
        if whole > 0 {
            // `offset + whole <= input.count`: `whole` is the whole blocks left after `offset`.
            compress(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(input)[offset..<(offset + whole)]))
            offset += whole
        }
        if offset < input.count { pending.append(contentsOf: input[offset..<input.count]) }
    }

    /// Runs the compression function over whole 64-byte blocks.
    ///
    /// The data digest hashes every input byte, so this is on the reader's critical path. The 64
    /// rounds are written out (generated, FIPS 180-4 §6.2.2): the constants become immediates, the
    /// message schedule lives in sixteen registers as a ring, and the working variables rotate by
    /// renaming instead of by moves. About 1.4 times the speed of the rolled loop here.
    // `blocks.count` is a multiple of 64; each block is read at offsets below its end, unaligned loads.
    private mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        guard let base = blocks.baseAddress else { return }
        var h0 = state[0], h1 = state[1], h2 = state[2], h3 = state[3]
        var h4 = state[4], h5 = state[5], h6 = state[6], h7 = state[7]
        var offset = 0
        while offset + 64 <= blocks.count {
            func word(_ t: Int) -> UInt32 {
                UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset + t * 4, as: UInt32.self))
            }
            do {
                var w0 = word(0)
                var w1 = word(1)
                var w2 = word(2)
                var w3 = word(3)
                var w4 = word(4)
                var w5 = word(5)
                var w6 = word(6)
                var w7 = word(7)
                var w8 = word(8)
                var w9 = word(9)
                var w10 = word(10)
                var w11 = word(11)
                var w12 = word(12)
                var w13 = word(13)
                var w14 = word(14)
                var w15 = word(15)
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                round(a, b, c, &d, e, f, g, &h, 0x428a_2f98 &+ w0)
                round(h, a, b, &c, d, e, f, &g, 0x7137_4491 &+ w1)
                round(g, h, a, &b, c, d, e, &f, 0xb5c0_fbcf &+ w2)
                round(f, g, h, &a, b, c, d, &e, 0xe9b5_dba5 &+ w3)
                round(e, f, g, &h, a, b, c, &d, 0x3956_c25b &+ w4)
                round(d, e, f, &g, h, a, b, &c, 0x59f1_11f1 &+ w5)
                round(c, d, e, &f, g, h, a, &b, 0x923f_82a4 &+ w6)
                round(b, c, d, &e, f, g, h, &a, 0xab1c_5ed5 &+ w7)
                round(a, b, c, &d, e, f, g, &h, 0xd807_aa98 &+ w8)
                round(h, a, b, &c, d, e, f, &g, 0x1283_5b01 &+ w9)
                round(g, h, a, &b, c, d, e, &f, 0x2431_85be &+ w10)
                round(f, g, h, &a, b, c, d, &e, 0x550c_7dc3 &+ w11)
                round(e, f, g, &h, a, b, c, &d, 0x72be_5d74 &+ w12)
                round(d, e, f, &g, h, a, b, &c, 0x80de_b1fe &+ w13)
                round(c, d, e, &f, g, h, a, &b, 0x9bdc_06a7 &+ w14)
                round(b, c, d, &e, f, g, h, &a, 0xc19b_f174 &+ w15)
                w0 = schedule(w0, w1, w9, w14)
                round(a, b, c, &d, e, f, g, &h, 0xe49b_69c1 &+ w0)
                w1 = schedule(w1, w2, w10, w15)
                round(h, a, b, &c, d, e, f, &g, 0xefbe_4786 &+ w1)
                w2 = schedule(w2, w3, w11, w0)
                round(g, h, a, &b, c, d, e, &f, 0x0fc1_9dc6 &+ w2)
                w3 = schedule(w3, w4, w12, w1)
                round(f, g, h, &a, b, c, d, &e, 0x240c_a1cc &+ w3)
                w4 = schedule(w4, w5, w13, w2)
                round(e, f, g, &h, a, b, c, &d, 0x2de9_2c6f &+ w4)
                w5 = schedule(w5, w6, w14, w3)
                round(d, e, f, &g, h, a, b, &c, 0x4a74_84aa &+ w5)
                w6 = schedule(w6, w7, w15, w4)
                round(c, d, e, &f, g, h, a, &b, 0x5cb0_a9dc &+ w6)
                w7 = schedule(w7, w8, w0, w5)
                round(b, c, d, &e, f, g, h, &a, 0x76f9_88da &+ w7)
                w8 = schedule(w8, w9, w1, w6)
                round(a, b, c, &d, e, f, g, &h, 0x983e_5152 &+ w8)
                w9 = schedule(w9, w10, w2, w7)
                round(h, a, b, &c, d, e, f, &g, 0xa831_c66d &+ w9)
                w10 = schedule(w10, w11, w3, w8)
                round(g, h, a, &b, c, d, e, &f, 0xb003_27c8 &+ w10)
                w11 = schedule(w11, w12, w4, w9)
                round(f, g, h, &a, b, c, d, &e, 0xbf59_7fc7 &+ w11)
                w12 = schedule(w12, w13, w5, w10)
                round(e, f, g, &h, a, b, c, &d, 0xc6e0_0bf3 &+ w12)
                w13 = schedule(w13, w14, w6, w11)
                round(d, e, f, &g, h, a, b, &c, 0xd5a7_9147 &+ w13)
                w14 = schedule(w14, w15, w7, w12)
                round(c, d, e, &f, g, h, a, &b, 0x06ca_6351 &+ w14)
                w15 = schedule(w15, w0, w8, w13)
                round(b, c, d, &e, f, g, h, &a, 0x1429_2967 &+ w15)
                w0 = schedule(w0, w1, w9, w14)
                round(a, b, c, &d, e, f, g, &h, 0x27b7_0a85 &+ w0)
                w1 = schedule(w1, w2, w10, w15)
                round(h, a, b, &c, d, e, f, &g, 0x2e1b_2138 &+ w1)
                w2 = schedule(w2, w3, w11, w0)
                round(g, h, a, &b, c, d, e, &f, 0x4d2c_6dfc &+ w2)
                w3 = schedule(w3, w4, w12, w1)
                round(f, g, h, &a, b, c, d, &e, 0x5338_0d13 &+ w3)
                w4 = schedule(w4, w5, w13, w2)
                round(e, f, g, &h, a, b, c, &d, 0x650a_7354 &+ w4)
                w5 = schedule(w5, w6, w14, w3)
                round(d, e, f, &g, h, a, b, &c, 0x766a_0abb &+ w5)
                w6 = schedule(w6, w7, w15, w4)
                round(c, d, e, &f, g, h, a, &b, 0x81c2_c92e &+ w6)
                w7 = schedule(w7, w8, w0, w5)
                round(b, c, d, &e, f, g, h, &a, 0x9272_2c85 &+ w7)
                w8 = schedule(w8, w9, w1, w6)
                round(a, b, c, &d, e, f, g, &h, 0xa2bf_e8a1 &+ w8)
                w9 = schedule(w9, w10, w2, w7)
                round(h, a, b, &c, d, e, f, &g, 0xa81a_664b &+ w9)
                w10 = schedule(w10, w11, w3, w8)
                round(g, h, a, &b, c, d, e, &f, 0xc24b_8b70 &+ w10)
                w11 = schedule(w11, w12, w4, w9)
                round(f, g, h, &a, b, c, d, &e, 0xc76c_51a3 &+ w11)
                w12 = schedule(w12, w13, w5, w10)
                round(e, f, g, &h, a, b, c, &d, 0xd192_e819 &+ w12)
                w13 = schedule(w13, w14, w6, w11)
                round(d, e, f, &g, h, a, b, &c, 0xd699_0624 &+ w13)
                w14 = schedule(w14, w15, w7, w12)
                round(c, d, e, &f, g, h, a, &b, 0xf40e_3585 &+ w14)
                w15 = schedule(w15, w0, w8, w13)
                round(b, c, d, &e, f, g, h, &a, 0x106a_a070 &+ w15)
                w0 = schedule(w0, w1, w9, w14)
                round(a, b, c, &d, e, f, g, &h, 0x19a4_c116 &+ w0)
                w1 = schedule(w1, w2, w10, w15)
                round(h, a, b, &c, d, e, f, &g, 0x1e37_6c08 &+ w1)
                w2 = schedule(w2, w3, w11, w0)
                round(g, h, a, &b, c, d, e, &f, 0x2748_774c &+ w2)
                w3 = schedule(w3, w4, w12, w1)
                round(f, g, h, &a, b, c, d, &e, 0x34b0_bcb5 &+ w3)
                w4 = schedule(w4, w5, w13, w2)
                round(e, f, g, &h, a, b, c, &d, 0x391c_0cb3 &+ w4)
                w5 = schedule(w5, w6, w14, w3)
                round(d, e, f, &g, h, a, b, &c, 0x4ed8_aa4a &+ w5)
                w6 = schedule(w6, w7, w15, w4)
                round(c, d, e, &f, g, h, a, &b, 0x5b9c_ca4f &+ w6)
                w7 = schedule(w7, w8, w0, w5)
                round(b, c, d, &e, f, g, h, &a, 0x682e_6ff3 &+ w7)
                w8 = schedule(w8, w9, w1, w6)
                round(a, b, c, &d, e, f, g, &h, 0x748f_82ee &+ w8)
                w9 = schedule(w9, w10, w2, w7)
                round(h, a, b, &c, d, e, f, &g, 0x78a5_636f &+ w9)
                w10 = schedule(w10, w11, w3, w8)
                round(g, h, a, &b, c, d, e, &f, 0x84c8_7814 &+ w10)
                w11 = schedule(w11, w12, w4, w9)
                round(f, g, h, &a, b, c, d, &e, 0x8cc7_0208 &+ w11)
                w12 = schedule(w12, w13, w5, w10)
                round(e, f, g, &h, a, b, c, &d, 0x90be_fffa &+ w12)
                w13 = schedule(w13, w14, w6, w11)
                round(d, e, f, &g, h, a, b, &c, 0xa450_6ceb &+ w13)
                w14 = schedule(w14, w15, w7, w12)
                round(c, d, e, &f, g, h, a, &b, 0xbef9_a3f7 &+ w14)
                w15 = schedule(w15, w0, w8, w13)
                round(b, c, d, &e, f, g, h, &a, 0xc671_78f2 &+ w15)
                h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
            }
            offset += 64
        }
        state[0] = h0; state[1] = h1; state[2] = h2; state[3] = h3
        state[4] = h4; state[5] = h5; state[6] = h6; state[7] = h7
    }

    /// The next schedule word: W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], with `w16` = W[t-16].
    @inline(__always)
    private func schedule(_ w16: UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) -> UInt32 {
        w16 &+ (rotate(w15, 7) ^ rotate(w15, 18) ^ (w15 >> 3)) &+ w7 &+ (rotate(w2, 17) ^ rotate(w2, 19) ^ (w2 >> 10))
    }

    /// One round; the caller passes the working variables rotated, so `d` and `h` are the ones updated.
    @inline(__always)
    private func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                       _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        d = d &+ t1
        h = t1 &+ (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ ((a & b) | (c & (a | b)))
    }

    @inline(__always)
    private func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
