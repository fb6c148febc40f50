import Foundation
import Testing
@testable import ppod

/// A reload never swaps in a set that has lost what ppod serves: an emptied folder (a deploy that
/// clears and refills it) or every block of a kind gone is a refused edit, like one that does not check.
@Suite struct LiveRulesTests {
    static let categories = """
        categories
          burglary_dwelling, shoplifting
        end

        """
    static let matrix = """
        matrix "Shop Theft Watch"
          version "t-1"
          window 1 years
          evidence convicted 1, admitted 1, suspected 0.5
          eligible when age >= 10
          offences "Crime categories"
            shoplifting "Shoplifting" 2
          end
          tiers
            "Watch" >= 4
            "Low"   otherwise
          end
          capacity 5
        end

        """

    /// A scratch rules folder holding `files`.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test func anEmptiedFolderIsRefusedAndTheLastGoodSetKeepsServing() throws {
        let folder = try Self.folder(["categories.ppo": Self.categories, "matrix.ppo": Self.matrix])
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = try #require(LiveRules.load(paths: [folder.path]).0)
        let served = live.current.digest

        for name in ["categories.ppo", "matrix.ppo"] { try FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        let outcome = live.reload()
        guard case .refused(_, let reason) = outcome else {
            Issue.record("an emptied folder was not refused: \(outcome)")
            return
        }
        #expect(reason == "no .ppo files in \(folder.path)")
        #expect(live.current.digest == served)
        #expect(live.current.matrixNames == ["Shop Theft Watch"])
        #expect(live.snapshot.rejected?.reason == reason)
        // Looked at again with nothing changed: refused once, not counted again.
        #expect(live.reload() == .unchanged)

        // Refilled: swapped in (the same set), and the refusal is cleared.
        try Data((Self.categories + Self.matrix).utf8).write(to: folder.appendingPathComponent("all.ppo"))
        #expect(live.reload() == .swapped(digest: live.current.digest))
        #expect(live.snapshot.rejected == nil)
        #expect(live.current.matrixNames == ["Shop Theft Watch"])
    }

    @Test func losingEveryMatrixIsRefused() throws {
        let folder = try Self.folder(["categories.ppo": Self.categories, "matrix.ppo": Self.matrix])
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = try #require(LiveRules.load(paths: [folder.path]).0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("matrix.ppo"))
        #expect(live.reload() == .refused(digest: live.snapshot.rejected?.digest ?? "",
                                          reason: "the edit removes every matrix ('Shop Theft Watch')"))
        #expect(live.current.matrixNames == ["Shop Theft Watch"])
    }

    @Test(arguments: [[:], ["categories.ppo": categories]])
    func noRulesToServeStopsTheStart(files: [String: String]) throws {
        let folder = try Self.folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (live, _, reason) = LiveRules.load(paths: [folder.path])
        #expect(live == nil)
        #expect(reason == (files.isEmpty ? "no .ppo files in \(folder.path)"
                                         : "no matrix, checklist or alerts block in \(folder.path)"))
    }
}
