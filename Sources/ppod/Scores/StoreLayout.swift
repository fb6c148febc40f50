import PPOEngine

/// Where each stored record sits in the data an evaluation read: its line in the whole store (its
/// ordinal, in store order), its area, its line in that area's data, and the digests of the whole
/// data and of each area's. With it, a ranking of the whole store answers for any one area exactly
/// as ranking that area's records alone would (docs/ppod.md, "Evaluations").
struct StoreLayout: Sendable {
    /// Each record's id, by ordinal.
    private(set) var ids: [String] = []
    /// Each record's `seq`, ascending: a changed record is found by binary search.
    private(set) var seqs: [Int64] = []
    /// Each record's area, as an index into `areas`; -1 for a record naming none.
    private(set) var areaCodes: [Int32] = []
    /// Each record's line (1-based) in its area's data; 0 for a record naming no area.
    private(set) var areaLines: [Int32] = []
    /// The areas named, each once by its exact bytes, in the order first read.
    private(set) var areas: [String] = []
    private var areaIndex: [ExactText: Int32] = [:]
    private var areaHashers: [SHA256] = []
    private var areaCounts: [Int32] = []
    private var hasher = SHA256()
    /// The digest of the whole data and of each area's data, once `finish` is called.
    private(set) var wholeDigest = ""
    private(set) var areaDigests: [String] = []

    /// Takes the next record in store order; `line` is its body (the bytes an export writes, without
    /// the newline). `digestWhole: false` when the ranker digests the whole data itself.
    mutating func add(seq: Int64, id: String, area: String?, line: UnsafeBufferPointer<UInt8>, digestWhole: Bool) {
        ids.append(id)
        seqs.append(seq)
        let newline: [UInt8] = [0x0A]
        if digestWhole {
            hasher.update(line)
            hasher.update(newline)
        }
        guard let area else {
            areaCodes.append(-1)
            areaLines.append(0)
            return
        }
        let code: Int32
        if let known = areaIndex[ExactText(area)] {
            code = known
        } else {
            code = Int32(areas.count)
            areaIndex[ExactText(area)] = code
            areas.append(area)
            areaHashers.append(SHA256())
            areaCounts.append(0)
        }
        let index = Int(code)
        areaCounts[index] += 1
        areaHashers[index].update(line)
        areaHashers[index].update(newline)
        areaCodes.append(code)
        areaLines.append(areaCounts[index])
    }

    /// Ends the reading: the digests are taken.
    mutating func finish() {
        wholeDigest = hasher.finalize()
        areaDigests = areaHashers.map { $0.finalize() }
    }

    var count: Int { ids.count }

    /// The index of `area` among `areas`; nil when no record names it.
    func code(of area: String) -> Int32? { areaIndex[ExactText(area)] }

    /// The ordinal of the record stored with `seq`.
    func ordinal(ofSeq seq: Int64) -> Int? {
        var low = 0, high = seqs.count
        while low < high {
            let middle = (low + high) / 2
            if seqs[middle] < seq { low = middle + 1 } else { high = middle }
        }
        return low < seqs.count && seqs[low] == seq ? low : nil
    }

    /// The ordinal of each id, for placing ineligible offenders and rejects in store order.
    func ordinals() -> [ExactText: Int32] {
        var found: [ExactText: Int32] = [:]
        found.reserveCapacity(ids.count)
        for (ordinal, id) in ids.enumerated() { found[ExactText(id)] = Int32(ordinal) }
        return found
    }
}

extension StoreLayout {
    /// The layout as bytes, for a run to keep (`RunRankings`).
    func encoded() -> [UInt8] {
        var out = BinaryWriter()
        out.int(Int64(ids.count))
        for index in ids.indices {
            out.text(ids[index])
            out.int(seqs[index])
            out.int(Int64(areaCodes[index]))
            out.int(Int64(areaLines[index]))
        }
        out.int(Int64(areas.count))
        for (area, digest) in zip(areas, areaDigests) {
            out.text(area)
            out.text(digest)
        }
        out.text(wholeDigest)
        return out.bytes
    }

    /// The layout `encoded()` wrote.
    init(decoding bytes: [UInt8]) throws {
        var input = BinaryReader(bytes)
        let count = try input.count(size: 32)
        var ids: [String] = [], seqs: [Int64] = [], codes: [Int32] = [], lines: [Int32] = []
        ids.reserveCapacity(count); seqs.reserveCapacity(count); codes.reserveCapacity(count); lines.reserveCapacity(count)
        for _ in 0..<count {
            ids.append(try input.text())
            seqs.append(try input.int())
            codes.append(Int32(truncatingIfNeeded: try input.int()))
            lines.append(Int32(truncatingIfNeeded: try input.int()))
        }
        var areas: [String] = [], digests: [String] = []
        for _ in 0..<(try input.count(size: 16)) {
            areas.append(try input.text())
            digests.append(try input.text())
        }
        let whole = try input.text()
        guard input.isAtEnd, codes.allSatisfy({ $0 >= -1 && Int($0) < areas.count }) else {
            throw BinaryReader.Damaged(description: "stored layout does not add up")
        }
        self.init()
        self.ids = ids; self.seqs = seqs; self.areaCodes = codes; self.areaLines = lines
        self.areas = areas; self.areaDigests = digests; self.wholeDigest = whole
        for (index, area) in areas.enumerated() { areaIndex[ExactText(area)] = Int32(index) }
    }
}
