import Foundation
import Testing

/// Pages of a ranking (`?offset=&limit=`, filters by tier, recommendation and text): walked
/// through, they are the whole list, offender for offender.
@Suite(.serialized, .daemon())
struct RankingPageTests {
    let daemon: DaemonProcess
    init() throws { daemon = try SharedDaemon.require() }

    /// The whole list's offenders; `lines: false` leaves out each one's lines, as a page does.
    func whole(_ query: String, as token: IssuedToken? = nil, lines: Bool = false) async throws -> [[String: Any]] {
        let response = try await daemon.get(Paths.ranking(query), as: token ?? daemon.tokens.admin)
        #expect(response.status == 200, "\(response)")
        let offenders = try response.object()["offenders"] as? [[String: Any]] ?? []
        return lines ? offenders : offenders.map { $0.filter { $0.key != "lines" } }
    }

    /// Every page of `query` by `limit`, joined.
    func walk(_ query: String, limit: Int, as token: IssuedToken? = nil) async throws -> (offenders: [[String: Any]], total: Int) {
        var joined: [[String: Any]] = []
        var offset = 0, total = 0
        repeat {
            let response = try await daemon.get(Paths.ranking("\(query)&offset=\(offset)&limit=\(limit)"),
                                                as: token ?? daemon.tokens.admin)
            #expect(response.status == 200, "\(response)")
            let page = try response.object()
            total = page["total"] as? Int ?? -1
            #expect(page["offset"] as? Int == offset)
            #expect(page["limit"] as? Int == limit)
            #expect(page["data_digest"] as? String != nil)
            let offenders = page["offenders"] as? [[String: Any]] ?? []
            #expect(offenders.count == min(limit, max(0, total - offset)))
            joined += offenders
            offset += limit
        } while offset < total
        return (joined, total)
    }

    static func same(_ a: [[String: Any]], _ b: [[String: Any]]) -> Bool {
        (a as NSArray).isEqual(to: b)
    }

    @Test(arguments: [1, 4, 100])
    func walkingThePagesGivesTheWholeList(limit: Int) async throws {
        let full = try await whole("as_of=2026-11-22")
        #expect(full.count > 4)
        let walked = try await walk("as_of=2026-11-22", limit: limit)
        #expect(walked.total == full.count)
        #expect(Self.same(walked.offenders, full))
        #expect(walked.offenders.allSatisfy { $0["lines"] == nil })
    }

    /// With `lines=true` each object is the whole list's, form lines and all.
    @Test func pagesWithLinesAreTheWholeListsObjects() async throws {
        let full = try await whole("as_of=2026-11-22", lines: true)
        let walked = try await walk("as_of=2026-11-22&lines=true", limit: 5)
        #expect(Self.same(walked.offenders, full))
        #expect(walked.offenders.contains { ($0["lines"] as? [Any])?.isEmpty == false })
    }

    @Test func anAreasPagesAreItsOwnList() async throws {
        let token = daemon.tokens.northtownAnalyst
        let full = try await whole("as_of=2026-11-22", as: token)
        let walked = try await walk("as_of=2026-11-22", limit: 3, as: token)
        #expect(Self.same(walked.offenders, full))
        #expect(walked.offenders.first?["rank"] as? Int == 1)
    }

    @Test func filtersKeepTheWholeListsOffendersAndRanks() async throws {
        let full = try await whole("as_of=2026-11-22")
        let tier = try #require(full.compactMap { $0["tier"] as? String }.first)
        let byTier = try await walk("as_of=2026-11-22&tier=\(Paths.encoded(tier))", limit: 2)
        #expect(Self.same(byTier.offenders, full.filter { $0["tier"] as? String == tier }))

        for flag in [true, false] {
            let recommended = try await walk("as_of=2026-11-22&recommended=\(flag)", limit: 5)
            #expect(Self.same(recommended.offenders, full.filter { $0["recommended"] as? Bool == flag }), "recommended=\(flag)")
        }

        // Text in the name, in another case: every offender whose id or name holds it.
        let name = try #require(full.compactMap { $0["name"] as? String }.first { $0.count >= 4 })
        let part = String(name.dropFirst(1).prefix(3)).uppercased()
        let found = try await walk("as_of=2026-11-22&search=\(Paths.encoded(part))", limit: 50)
        let expected = full.filter { offender in
            [offender["id"] as? String, offender["name"] as? String].compactMap { $0?.lowercased() }
                .contains { $0.contains(part.lowercased()) }
        }
        #expect(!expected.isEmpty)
        #expect(Self.same(found.offenders, expected), "search \(part)")
    }

    @Test func aPageAsksForWhatTheMatrixHas() async throws {
        let unknown = try await daemon.get(Paths.ranking("as_of=2026-11-22&tier=Nonesuch"), as: daemon.tokens.admin)
        #expect(unknown.status == 400, "\(unknown)")
        #expect(unknown.text.contains("unknown tier 'Nonesuch'"), "\(unknown)")
        let negative = try await daemon.get(Paths.ranking("as_of=2026-11-22&offset=-1"), as: daemon.tokens.admin)
        #expect(negative.status == 400, "\(negative)")
        let huge = try await daemon.get(Paths.ranking("as_of=2026-11-22&limit=100000"), as: daemon.tokens.admin)
        #expect(huge.status == 400, "\(huge)")
        let beyond = try await daemon.get(Paths.ranking("as_of=2026-11-22&offset=100000"), as: daemon.tokens.admin)
        #expect(beyond.status == 200, "\(beyond)")
        #expect((try beyond.object()["offenders"] as? [Any])?.isEmpty == true)
    }

    @Test func aPageInCSVHasTheRowsOfTheWholeCSV() async throws {
        let full = try await daemon.get(Paths.ranking("as_of=2026-11-22&format=csv"), as: daemon.tokens.admin)
        let page = try await daemon.get(Paths.ranking("as_of=2026-11-22&format=csv&offset=2&limit=3"), as: daemon.tokens.admin)
        #expect(page.status == 200, "\(page)")
        let fullRows = full.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let pageRows = page.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(pageRows.count == 4)
        #expect(Array(pageRows.dropFirst()) == Array(fullRows[3..<6]))
    }
}
