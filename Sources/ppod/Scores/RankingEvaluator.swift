import PPOEngine

/// Evaluates one matrix over the store: every record scored once (`full`), or, after an ingest,
/// only the records it changed (`updated`), ranked with everyone else's standing forms.
struct RankingEvaluator: Sendable {
    let store: OffenderStore
    let rules: RuleSet
    let matrix: CompiledMatrix
    let asOf: Day

    /// Pieces of about this many bytes go to the ranker.
    static let pieceSize = 1 << 20

    private var ranker: ParallelRanker { ParallelRanker(matrix: matrix, categories: rules.categories, asOf: asOf) }

    /// Every stored record read in store order and scored, on every core.
    func full() async throws -> StoreRanking {
        let ranker = self.ranker, rules = self.rules, matrix = self.matrix, asOf = self.asOf
        return try await store.scan { ingest, cursor in
            var layout = StoreLayout()
            let whole = try ranker.rank(pieces: {
                var piece: [UInt8] = []
                piece.reserveCapacity(Self.pieceSize + (64 << 10))
                while piece.count < Self.pieceSize {
                    let more = try cursor.next { seq, id, area, _, line in
                        // The ranker digests the whole data; the layout digests each area's.
                        layout.add(seq: seq, id: id, area: area, line: line, digestWhole: false)
                        piece.append(contentsOf: line)
                        piece.append(0x0A)
                    }
                    if !more { break }
                }
                return piece.isEmpty ? nil : piece
            }, path: Reports.dataLabel, rulesDigest: rules.digest)
            layout.finish()
            return StoreRanking(rulesDigest: rules.digest, matrix: matrix.name, asOf: asOf, ingest: ingest, whole: whole,
                                layout: layout, ineligibleOrdinals: Self.ordinals(of: whole.ineligible, among: layout.ids),
                                rescored: 0)
        }
    }

    /// `old` brought up to the store's latest ingest: the records changed or added since `old` was
    /// read are scored and ranked with the forms `old` holds for everyone else. The digests are taken
    /// over the data again, as they cover all of it. The answer equals `full()`'s.
    func updated(_ old: StoreRanking) async throws -> StoreRanking {
        let ranker = self.ranker, rules = self.rules, matrix = self.matrix, asOf = self.asOf
        return try await store.scan { ingest, cursor in
            var layout = StoreLayout()
            var changedLines: [UInt8] = []
            var changedOrdinals: [Int] = []
            var changedIDs: [String] = []
            while try cursor.next({ seq, id, area, changedIngest, line in
                if changedIngest > old.ingest {
                    changedOrdinals.append(layout.count)
                    changedIDs.append(id)
                    changedLines.append(contentsOf: line)
                    changedLines.append(0x0A)
                }
                layout.add(seq: seq, id: id, area: area, line: line, digestWhole: true)
            }) {}
            layout.finish()
            let update = ranker.rank(bytes: changedLines, path: Reports.dataLabel, rulesDigest: rules.digest)
            let replaced = Set(changedIDs.map(ExactText.init))

            // Ineligible offenders in store order: those that stay, and the changed ones.
            var ineligible: [(IneligibleOffender, Int32)] = []
            for (offender, ordinal) in zip(old.whole.ineligible, old.ineligibleOrdinals)
            where !replaced.contains(ExactText(offender.id)) {
                ineligible.append((offender, ordinal))
            }
            let updateOrdinals = Self.ordinals(of: update.ineligible, among: changedIDs)
            for (offender, index) in zip(update.ineligible, updateOrdinals) {
                ineligible.append((offender, Int32(changedOrdinals[Int(index)])))
            }
            ineligible.sort { $0.1 < $1.1 }

            // Rejects by their line in the whole data: the line of a record is its ordinal + 1.
            let changedSet = Set(changedOrdinals)
            var rejected = old.whole.rejected.filter { !changedSet.contains($0.line - 1) }
            for record in update.rejected where changedOrdinals.indices.contains(record.line - 1) {
                rejected.append(RejectedRecord(file: record.file, line: changedOrdinals[record.line - 1] + 1,
                                               reason: record.reason, bytes: record.bytes))
            }
            rejected.sort { $0.line < $1.line }

            let whole = old.whole.replacing(replaced, with: update, dataDigest: layout.wholeDigest,
                                            ineligible: ineligible.map(\.0), rejected: rejected)
            return StoreRanking(rulesDigest: rules.digest, matrix: matrix.name, asOf: asOf, ingest: ingest, whole: whole,
                                layout: layout, ineligibleOrdinals: ineligible.map(\.1),
                                rescored: old.rescored + changedIDs.count)
        }
    }

    /// The ordinal in `ids` of each of `offenders`, which are in the same order as `ids`: one walk.
    static func ordinals(of offenders: [IneligibleOffender], among ids: [String]) -> [Int32] {
        var found: [Int32] = []
        found.reserveCapacity(offenders.count)
        var ordinal = 0
        for offender in offenders {
            while ordinal < ids.count, !ExactText.same(ids[ordinal], offender.id) { ordinal += 1 }
            found.append(Int32(truncatingIfNeeded: min(ordinal, max(0, ids.count - 1))))
            ordinal += 1
        }
        return found
    }
}
