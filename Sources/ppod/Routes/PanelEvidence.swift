import Foundation
import Hummingbird
import PPOEngine

/// What the panel saw (docs/cohort.md, "What a decision records"): for a posted decision without
/// `saw`, ppod adds the offender's standing in the scheme's matrix, ranked in the offender's area as
/// of the panel date (the effective date when none is given), with the digests that reproduce it.
enum PanelEvidence {
    /// `body` with `saw` added to each decision line that has none and whose offender is ranked.
    /// Lines it cannot read are left as they are, for the decision reader to reject with a reason.
    static func stamp(_ body: [UInt8], daemon: Daemon, context: PPODContext) async throws -> [UInt8] {
        let rules = daemon.rules.current
        var out: [[UInt8]] = []
        for raw in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard case .success(.object(let members)) = JSONParser.parse(raw),
                  !members.contains(where: { ExactText.same($0.key, "saw") }),
                  let offender = text("offender", members), let schemeName = text("scheme", members),
                  let scheme = rules.scheme(named: schemeName), let matrix = scheme.matrix,
                  let day = (text("panel_date", members) ?? text("effective", members)).flatMap({ Day(iso: $0) }),
                  let held = try await daemon.store.area(of: offender) else {
                out.append(Array(raw))
                continue
            }
            let scope: DataScope = held.map { .area($0) } ?? .all
            let ranking = try await daemon.ranking(matrix: matrix, scope: scope, asOf: day, reports: try await daemon.reports(),
                                                   context: context)
            guard let saw = standing(of: offender, in: ranking, scope: scope) else {
                out.append(Array(raw))
                continue
            }
            let stamped = JSONValue.object(members + [JSONMember(key: "saw", value: saw)])
            out.append(Array(JSONWriter(pretty: false).render(stamped).utf8))
        }
        return Array(out.joined(separator: [0x0A]))
    }

    private static func text(_ key: String, _ members: [JSONMember]) -> String? {
        guard let member = members.first(where: { ExactText.same($0.key, key) }), case .string(let value) = member.value else {
            return nil
        }
        return value
    }

    /// The offender's line of `ranking`, as the panel saw it; nil when the matrix did not rank them.
    static func standing(of id: String, in ranking: PackedRanking, scope: DataScope) -> JSONValue? {
        for position in 0..<ranking.count {
            let offender = ranking.offender(at: position, withLines: false)
            guard ExactText.same(offender.id, id) else { continue }
            return .fields([
                ("matrix", .string(ranking.matrix.name)),
                ("version", .optional(ranking.matrix.version)),
                ("as_of", .string(ranking.asOf.description)),
                ("area", .string(scope.description)),
                ("rank", .number(String(offender.rank))),
                ("score", .number(offender.score.description)),
                ("tier", .optional(offender.tier)),
                ("recommended", .bool(offender.recommended)),
                ("tie_at_capacity", .bool(offender.tieAtCapacity)),
                ("rules_digest", .string(ranking.rulesDigest)),
                ("data_digest", .string(ranking.dataDigest)),
            ])
        }
        return nil
    }
}
