import Foundation
import Testing
@testable import PPOEngine

/// Every kind of diagnostic has a golden file of its rendered text, named after its id, so none
/// goes untested.
@Suite struct DiagnosticCoverageTests {
    @Test(arguments: DiagnosticID.allCases)
    func everyKindHasAGolden(id: DiagnosticID) throws {
        let root = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        let found = ["Syntax", "Semantics"].contains { area in
            FileManager.default.fileExists(atPath: root.appendingPathComponent("\(area)/\(id.rawValue).txt").path)
        }
        #expect(found, "no golden file Golden/Syntax or Golden/Semantics/\(id.rawValue).txt")
    }
}
