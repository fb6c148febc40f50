/// Reading packed forms back: the `ScoredOffender` the renderers take, or only its header, and
/// the labels a form's codes stand for.
extension CompiledMatrix {
    /// Unpacks a form written by `scoreForm` into the `ScoredOffender` the renderers take.
    func decodeForm(_ form: FormReader) -> ScoredOffender {
        var reader = form
        let header = FormHeader.read(&reader)
        var lines: [ScoreLine] = []
        lines.reserveCapacity(header.lineCount)
        for _ in 0..<header.lineCount {
            let section = reader.byte()
            let index = reader.count()
            let detail = reader.text()
            let points = Decimal6(raw: reader.signed())
            var evidence: [String] = []
            let count = reader.count()
            evidence.reserveCapacity(count)
            for _ in 0..<count { evidence.append(reader.text()) }
            lines.append(ScoreLine(section: FormSection.section(section), label: label(section: section, index: index),
                                   points: points, evidence: evidence, detail: detail))
        }
        return ScoredOffender(id: header.id, name: header.name, rank: 0, score: header.score,
                              tier: tierName(header.tier), recommended: false, tieAtCapacity: false, lines: lines,
                              mainWeighting: mainWeighting(header.main), latestOffence: header.latestOffence)
    }

    /// Unpacks only a form's header: a `ScoredOffender` without lines, for the table and CSV.
    func decodeHeader(_ form: FormReader) -> ScoredOffender {
        var reader = form
        let header = FormHeader.read(&reader)
        return ScoredOffender(id: header.id, name: header.name, rank: 0, score: header.score,
                              tier: tierName(header.tier), recommended: false, tieAtCapacity: false, lines: [],
                              mainWeighting: mainWeighting(header.main), latestOffence: header.latestOffence)
    }

    /// The label a form line shows: its row's label, its category's name, or its factor's label.
    func label(section: UInt8, index: Int) -> String {
        switch section {
        case FormSection.offences: return rows.indices.contains(index) ? rows[index].label : "?"
        case FormSection.unscored: return categories.names.indices.contains(index) ? categories.names[index] : "unknown"
        default: return factors.indices.contains(index) ? factors[index].label : "?"
        }
    }

    func tierName(_ index: Int?) -> String? {
        index.flatMap { tiers.indices.contains($0) ? tiers[$0].name : nil }
    }

    func mainWeighting(_ choice: FormHeader.MainChoice) -> MainWeighting? {
        guard let weighting else { return nil }
        switch choice {
        case .none: return nil
        case .noRow: return MainWeighting(label: weighting.label, row: nil, weight: .one)
        case .row(let r):
            guard weighting.rows.indices.contains(r) else { return nil }
            return MainWeighting(label: weighting.label, row: weighting.rows[r].name, weight: weighting.rows[r].weight)
        }
    }
}

/// The section byte of a packed form line.
enum FormSection {
    static let offences: UInt8 = 0
    static let unscored: UInt8 = 1
    static let factor: UInt8 = 2

    static func section(_ byte: UInt8) -> ScoreLine.Section {
        switch byte {
        case offences: return .offences
        case unscored: return .unscored
        default: return .factor
        }
    }
}
