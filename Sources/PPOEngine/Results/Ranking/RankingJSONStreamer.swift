import Foundation

/// Writes a `PackedRanking` as the JSON of SPEC §7, straight from the packed forms, in pieces.
///
/// The bytes are exactly those of `RankingJSONRenderer.render(ranking)` for the unpacked ranking
/// (`RankingJSONStreamerTests` checks it), without building the document, or even one offender's
/// `JSONValue`, in memory: labels, tiers and weightings are quoted once per run, and each form's
/// ids and details are copied into the output as they are read.
public struct RankingJSONStreamer: Sendable {
    /// Indented output when `true`, one line when `false`.
    public var pretty: Bool
    /// The output is handed on in pieces of about this many bytes.
    public var pieceSize: Int
    /// Threads rendering offenders; pieces are still written in rank order.
    public var threads: Int
    /// Offenders rendered together by one thread (about 3.6 KB each, pretty-printed): at most
    /// `threads * 2` such pieces wait for `write` at once, which bounds the memory of a slow reader.
    public var offendersPerPiece: Int
    /// The panel's decisions: each offender then carries `status` and `strand`, their standing with
    /// the panel as of the ranking's date, after `tie_at_capacity` (`RankingJSONRenderer` alike).
    public var decisions: DecisionBook?

    public init(pretty: Bool = true, pieceSize: Int = 1 << 20,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, offendersPerPiece: Int = 2_000,
                decisions: DecisionBook? = nil) {
        self.decisions = decisions
        self.pretty = pretty
        self.pieceSize = max(1, pieceSize)
        self.threads = max(1, threads)
        self.offendersPerPiece = max(1, offendersPerPiece)
    }

    /// Writes the whole document through `write`, piece by piece.
    public func write(_ ranking: PackedRanking, to write: (UnsafeRawBufferPointer) throws -> Void) throws {
        var json = JSONByteWriter(pretty: pretty, capacity: pieceSize + (64 << 10))
        func flush(ifOver limit: Int) throws {
            guard json.out.count >= limit else { return }
            // The bytes are valid only during `write`, which copies them out (to a file) before returning.
            try json.out.withUnsafeBytes { try write($0) }
            json.out.removeAll()
        }

        json.raw("{")
        for (index, (key, value)) in RankingJSONRenderer.auditMembers(ranking.header).enumerated() {
            if index > 0 { json.raw(",") }
            json.newline(1)
            json.key(key)
            json.value(value, depth: 1)
        }
        json.raw(",")
        json.newline(1)
        json.key("offenders")
        if ranking.count == 0 {
            json.raw("[]")
        } else {
            json.raw("[")
            try flush(ifOver: 1)
            // Offenders are rendered in pieces on several threads and written in rank order.
            let perPiece = offendersPerPiece
            let pieces = (ranking.count + perPiece - 1) / perPiece
            let pretty = self.pretty
            let cohort = decisions.map { (book: $0, asOf: ranking.asOf) }
            try OrderedWork.run(count: pieces, threads: threads, window: threads * 2, produce: { piece in
                // Labels of the piece's own: appending a shared label array retains it, and two
                // threads retaining the same arrays contend for their reference counts (a fifth of
                // the CPU of a 1,000,000-offender run went there).
                let labels = Labels(ranking.matrix, pretty: pretty)
                // About 3.6 KB per pretty-printed offender: one allocation per piece, not a dozen regrowths.
                var part = JSONByteWriter(pretty: pretty, capacity: perPiece * 4096)
                let end = min(ranking.count, (piece + 1) * perPiece)
                ranking.forEachForm(in: (piece * perPiece)..<end) { bytes, offset, position, standing in
                    if position > 0 { part.raw(",") }
                    part.newline(2)
                    RankingJSONStreamer.offender(bytes, at: offset, standing: standing, labels: labels, cohort: cohort,
                                                 into: &part)
                }
                return RenderedPiece(part)
            }, consume: { piece in
                // As in `flush`: `write` copies the bytes before the piece is released.
                try piece.writer.out.withUnsafeBytes { try write($0) }
            })
            json.newline(1)
            json.raw("]")
        }
        json.raw(",")
        json.newline(1)
        json.key("ineligible")
        json.value(.array(ranking.ineligible.map(RankingJSONRenderer.ineligibleValue)), depth: 1)
        json.raw(",")
        json.newline(1)
        json.key("rejected")
        json.value(.array(ranking.rejected.map(RankingJSONRenderer.rejectedValue)), depth: 1)
        json.newline(0)
        json.raw("}")
        if pretty { json.out.append(UInt8(0x0A)) }
        try flush(ifOver: 1)
    }

    /// The whole document in memory (tests, small runs).
    public func render(_ ranking: PackedRanking) -> [UInt8] {
        var document: [UInt8] = []
        try? write(ranking) { document.append(contentsOf: $0) }
        return document
    }

    /// One page of the ranking: the audit facts, then `offset`, `limit` and `total` (how many
    /// offenders the page was taken from), then `offenders`, the objects at `positions` exactly as
    /// the whole document writes them, so that the pages of a list, joined, are its `offenders`.
    /// `withLines: false` leaves each object's `lines` out (a list shows the totals; the form is
    /// one explanation away).
    public func page(_ ranking: PackedRanking, positions: [Int], offset: Int, limit: Int, total: Int,
                     withLines: Bool = true) -> [UInt8] {
        var json = JSONByteWriter(pretty: pretty, capacity: (withLines ? 4096 : 512) * max(1, positions.count) + 512)
        for (index, (key, value)) in RankingJSONRenderer.auditMembers(ranking.header).enumerated() {
            if index > 0 { json.raw(",") } else { json.raw("{") }
            json.newline(1)
            json.key(key)
            json.value(value, depth: 1)
        }
        for (key, value) in [("offset", offset), ("limit", limit), ("total", total)] {
            json.raw(",")
            json.newline(1)
            json.key(key)
            json.value(.int(value), depth: 1)
        }
        json.raw(",")
        json.newline(1)
        json.key("offenders")
        let shown = positions.filter { $0 >= 0 && $0 < ranking.count }
        if shown.isEmpty {
            json.raw("[]")
        } else {
            json.raw("[")
            let labels = Labels(ranking.matrix, pretty: pretty)
            for (index, position) in shown.enumerated() {
                ranking.forEachForm(in: position..<(position + 1)) { bytes, offset, _, standing in
                    if index > 0 { json.raw(",") }
                    json.newline(2)
                    RankingJSONStreamer.offender(bytes, at: offset, standing: standing, labels: labels,
                                                 cohort: decisions.map { ($0, ranking.asOf) },
                                                 withLines: withLines, into: &json)
                }
            }
            json.newline(1)
            json.raw("]")
        }
        json.newline(0)
        json.raw("}")
        if pretty { json.out.append(UInt8(0x0A)) }
        return json.out.array()
    }

    /// One offender object at depth 2: the members of `RankingJSONRenderer.offenderMembers`.
    // `bytes` is a form buffer borrowed by `forEachForm` for this call; the reader checks every
    // read against its count. Read here rather than through `readForm`, which cost 2% more
    // instructions in this loop (BENCHMARKS.md, "Architecture split").
    private static func offender(_ bytes: UnsafeRawBufferPointer, at offset: Int,
                                 standing: (rank: Int, recommended: Bool, tieAtCapacity: Bool),
                                 labels: Labels, cohort: (book: DecisionBook, asOf: Day)? = nil,
                                 withLines: Bool = true, into json: inout JSONByteWriter) {
        var form = FormReader(bytes, at: offset)
        if labels.keys.opens { json.raw("{") }
        json.append(labels.keys.id)
        let id = form.textBytes()
        json.quote(id)
        json.append(labels.keys.name)
        if form.byte() == 0 { json.raw("null") } else { json.quote(form.textBytes()) }
        json.append(labels.keys.rank)
        Decimal6.appendDigits(UInt64(standing.rank), to: &json.out)
        let totals = FormTotals.read(&form)   // the latest offence is a sort key, not shown
        json.append(labels.keys.score)
        totals.score.appendDescription(to: &json.out)
        json.append(labels.keys.tier)
        json.append(totals.tierCode == 0 ? labels.null : labels.tier(totals.tierCode - 1))
        json.append(labels.keys.recommended)
        standing.recommended ? json.raw("true") : json.raw("false")
        json.append(labels.keys.tieAtCapacity)
        standing.tieAtCapacity ? json.raw("true") : json.raw("false")
        if let cohort {
            // Joined as the document is written: a decision recorded since the ranking shows at once.
            let member = cohort.book.standing(of: String(decoding: id, as: UTF8.self), asOf: cohort.asOf)
            json.append(labels.keys.status)
            json.quote(CohortStanding.statusText(member))
            json.append(labels.keys.strand)
            if let strand = member?.member.strand { json.quote(strand) } else { json.raw("null") }
        }
        json.append(labels.keys.mainCategory)
        json.append(labels.main(totals.mainCode))
        guard withLines else {
            json.append(labels.keys.offenderEnd)
            return
        }
        json.append(labels.keys.lines)
        let lineCount = totals.lineCount
        guard lineCount > 0 else {
            json.raw("[]")
            json.append(labels.keys.offenderEnd)
            return
        }
        json.raw("[")
        for n in 0..<lineCount {
            json.append(n == 0 ? labels.keys.firstLine : labels.keys.nextLine)
            let section = form.byte()
            json.append(labels.section(section))
            json.append(labels.keys.label)
            json.append(labels.label(section: section, index: form.count()))
            let detail = form.textBytes()
            json.append(labels.keys.points)
            Decimal6(raw: form.signed()).appendDescription(to: &json.out)
            json.append(labels.keys.evidence)
            let evidence = form.count()
            if evidence == 0 {
                json.raw("[]")
            } else {
                json.raw("[")
                for e in 0..<evidence {
                    if e > 0 { json.pretty ? json.raw(", ") : json.raw(",") }
                    json.quote(form.textBytes())
                }
                json.raw("]")
            }
            json.append(labels.keys.detail)
            json.quote(detail)
            json.append(labels.keys.lineEnd)
        }
        json.append(labels.keys.linesEnd)
        json.append(labels.keys.offenderEnd)
    }

    /// The fixed runs between an offender's values (`,\n      "name": ` and so on), written once.
    struct Keys: Sendable {
        let id, name, rank, score, tier, recommended, tieAtCapacity, status, strand, mainCategory, lines: [UInt8]
        let firstLine, nextLine, label, points, evidence, detail, lineEnd, linesEnd, offenderEnd: [UInt8]

        /// Whether the offender's object opens here (in a list) or continues one (an explanation).
        let opens: Bool

        /// Keys for an offender whose members are at `depth`: 3 in the ranking's list, 1 in an
        /// explanation, where they follow the audit facts in the same object.
        init(pretty: Bool, depth: Int = 3) {
            func run(_ build: (inout JSONByteWriter) -> Void) -> [UInt8] {
                var writer = JSONByteWriter(pretty: pretty)
                build(&writer)
                return writer.out.array()
            }
            func member(_ key: String, depth: Int, first: Bool = false) -> [UInt8] {
                run { if !first { $0.raw(",") }; $0.newline(depth); $0.key(key) }
            }
            opens = depth > 1
            id = member("id", depth: depth, first: opens)
            name = member("name", depth: depth)
            rank = member("rank", depth: depth)
            score = member("score", depth: depth)
            tier = member("tier", depth: depth)
            recommended = member("recommended", depth: depth)
            tieAtCapacity = member("tie_at_capacity", depth: depth)
            status = member("status", depth: depth)
            strand = member("strand", depth: depth)
            mainCategory = member("main_category", depth: depth)
            lines = member("lines", depth: depth)
            firstLine = run { $0.newline(depth + 1); $0.raw("{") } + member("section", depth: depth + 2, first: true)
            nextLine = run { $0.raw(","); $0.newline(depth + 1); $0.raw("{") } + member("section", depth: depth + 2, first: true)
            label = member("label", depth: depth + 2)
            points = member("points", depth: depth + 2)
            evidence = member("evidence", depth: depth + 2)
            detail = member("detail", depth: depth + 2)
            lineEnd = run { $0.newline(depth + 1); $0.raw("}") }
            linesEnd = run { $0.newline(depth); $0.raw("]") }
            offenderEnd = run { $0.newline(depth - 1); $0.raw("}") }
        }
    }

    /// The labels an `ExplanationJSONWriter` keeps.
    typealias FormLabels = Labels

    /// An offender's members continuing an object already opened (an explanation's).
    static func explanationMembers(_ bytes: UnsafeRawBufferPointer, at offset: Int,
                                   standing: (rank: Int, recommended: Bool, tieAtCapacity: Bool),
                                   labels: Labels, into json: inout JSONByteWriter) {
        offender(bytes, at: offset, standing: standing, labels: labels, into: &json)
    }

    /// The matrix's fixed texts, quoted once per run.
    struct Labels: Sendable {
        let null: [UInt8] = Array("null".utf8)
        let sections: [[UInt8]]
        let rows: [[UInt8]]
        let categories: [[UInt8]]
        let factors: [[UInt8]]
        let tiers: [[UInt8]]
        /// `main_category` values by the form's encoding: none, no row, then each weighting row.
        let mains: [[UInt8]]
        let unknown: [UInt8]
        let keys: Keys

        init(_ matrix: CompiledMatrix, pretty: Bool, depth: Int = 3) {
            keys = Keys(pretty: pretty, depth: depth)
            func quoted(_ text: String) -> [UInt8] {
                var writer = JSONByteWriter(pretty: pretty)
                writer.quote(text)
                return writer.out.array()
            }
            sections = [ScoreLine.Section.offences, .unscored, .factor].map { quoted($0.rawValue) }
            rows = matrix.rows.map { quoted($0.label) }
            categories = matrix.categories.names.map(quoted)
            factors = matrix.factors.map { quoted($0.label) }
            tiers = matrix.tiers.map { quoted($0.name) }
            unknown = quoted("?")
            var mains: [[UInt8]] = [Array("null".utf8)]
            if let weighting = matrix.weighting {
                let choices = [FormHeader.MainChoice.noRow] + weighting.rows.indices.map(FormHeader.MainChoice.row)
                for choice in choices {
                    var writer = JSONByteWriter(pretty: pretty)
                    let value = matrix.mainWeighting(choice).map(RankingJSONRenderer.mainWeightingValue) ?? .null
                    writer.value(value, depth: depth)
                    mains.append(writer.out.array())
                }
            }
            self.mains = mains
        }

        func section(_ byte: UInt8) -> [UInt8] { sections[Int(min(byte, 2))] }

        func tier(_ index: Int) -> [UInt8] { tiers.indices.contains(index) ? tiers[index] : null }

        func main(_ code: Int) -> [UInt8] { mains.indices.contains(code) ? mains[code] : null }

        func label(section: UInt8, index: Int) -> [UInt8] {
            let table: [[UInt8]]
            switch section {
            case FormSection.offences: table = rows
            case FormSection.unscored: table = categories
            default: table = factors
            }
            if table.indices.contains(index) { return table[index] }
            return section == FormSection.unscored ? Array("\"unknown\"".utf8) : unknown
        }
    }
}

/// `ppo explain ID --format json` for one ranked offender, written from the packed form like the
/// ranking's list: the audit facts, then the offender's members, in the bytes `ExplanationRenderer`
/// gives. Made once for a ranking (it quotes the matrix's labels), then used for any offender of it.
public struct ExplanationJSONWriter: Sendable {
    private let ranking: PackedRanking
    private let labels: RankingJSONStreamer.FormLabels
    /// The opening brace and the audit facts, the same for every offender of the ranking.
    private let head: [UInt8]

    public init(_ ranking: PackedRanking) {
        self.ranking = ranking
        labels = RankingJSONStreamer.FormLabels(ranking.matrix, pretty: true, depth: 1)
        var json = JSONByteWriter(pretty: true)
        json.raw("{")
        for (index, (key, value)) in RankingJSONRenderer.auditMembers(ranking.header).enumerated() {
            if index > 0 { json.raw(",") }
            json.newline(1)
            json.key(key)
            json.value(value, depth: 1)
        }
        head = json.out.array()
    }

    /// The explanation of the offender at `position`; nil outside the ranking.
    public func json(at position: Int) -> [UInt8]? {
        guard let standing = ranking.standing(at: position) else { return nil }
        var json = JSONByteWriter(pretty: true, capacity: 8192)
        json.append(head)
        ranking.forEachForm(in: position..<(position + 1)) { bytes, offset, _, _ in
            RankingJSONStreamer.explanationMembers(bytes, at: offset, standing: standing, labels: labels, into: &json)
        }
        json.out.append(UInt8(0x0A))
        return json.out.array()
    }
}

/// One piece of the offenders array, rendered on a worker thread and written in rank order.
///
/// A class so that the piece's buffer moves from the renderer to the writer without a copy.
private final class RenderedPiece: @unchecked Sendable {
    let writer: JSONByteWriter

    init(_ writer: consuming JSONByteWriter) { self.writer = writer }
}
