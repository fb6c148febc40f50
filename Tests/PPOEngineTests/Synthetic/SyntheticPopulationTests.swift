import Foundation
import Testing
@testable import PPOEngine

@Suite struct SyntheticPopulationTests {
    static let rules = Engine.load(files: ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) })

    @Test func sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
        let a = SyntheticPopulation(seed: 42).records(0..<200)
        #expect(a == SyntheticPopulation(seed: 42).records(0..<200))
        #expect(a != SyntheticPopulation(seed: 43).records(0..<200))
        // Any offender can be drawn alone: the stream is the concatenation of single records.
        var one: [UInt8] = []
        SyntheticPopulation(seed: 42).appendRecord(199, to: &one)
        #expect(Array(a.suffix(one.count)) == one)
    }

    /// A pinned digest: the generator's output must not drift between versions, or benchmark figures
    /// taken on different days would not be comparable.
    @Test func outputIsPinned() {
        #expect(SHA256.hex(of: SyntheticPopulation(seed: 1).records(0..<50))
                == "c3bca733ad33e5e06edd49fe0991299dd110e898c23831cf55a08cd41f34e6b4")
    }

    @Test func everyCategoryIsDeclaredByTheShippedCategories() {
        for category in SyntheticPopulation.categories {
            #expect(Self.rules.categories.index(of: category.name) != nil, "\(category.name)")
            if let code = category.code { #expect(Self.rules.categories.category(forCode: code) == Self.rules.categories.index(of: category.name)) }
        }
    }

    @Test func everyRecordIsReadWithoutRejectsAndHasTheAdvertisedShape() {
        let count = 2_000
        let batch = RecordReader(categories: Self.rules.categories)
            .read(bytes: SyntheticPopulation(seed: 5).records(0..<count), path: "synthetic.jsonl")
        #expect(batch.rejected.isEmpty)
        #expect(batch.offenders.count == count)
        let asOf = SyntheticPopulation.defaultReferenceDate
        func mean(_ value: (Offender) -> Int) -> Double {
            Double(batch.offenders.map(value).reduce(0, +)) / Double(count)
        }
        #expect(abs(mean { $0.offences.count } - 10) < 0.5)
        #expect(abs(mean { $0.intelligence.count } - 3) < 0.3)
        #expect(abs(mean { $0.arrests.count } - 2) < 0.3)
        #expect(abs(mean { $0.cases.count } - 1) < 0.01)
        #expect(abs(mean { $0.cases.first?.events.count ?? 0 } - 8) < 0.5)
        #expect(abs(mean { FieldReader.currentCustody($0, asOf) != nil ? 100 : 0 } - 5) < 1.5)
        let onScheme = mean { $0.ppo?.status == .adopted ? 100 : 0 }
        #expect(onScheme > 1 && onScheme < 6)
        #expect(batch.offenders.allSatisfy { o in o.offences.allSatisfy { ($0.date ?? asOf) <= asOf } })
    }

    @Test func idsAreNumberedFromOne() {
        #expect(SyntheticPopulation.id(0) == "S-0000001")
        #expect(SyntheticPopulation.id(12_345_677) == "S-12345678")
    }
}
