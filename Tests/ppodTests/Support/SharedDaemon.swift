import Foundation
import Testing

/// A suite trait that starts one daemon for the whole suite, ingests `samples` into it, and stops it
/// when the suite's tests are done; the tests reach it as `SharedDaemon.current`.
///
/// One daemon per suite, not per test, keeps the run short on a small machine.
struct SharedDaemon: SuiteTrait, TestScoping {
    /// The daemon of the suite being run.
    @TaskLocal static var current: DaemonProcess?

    let extraArguments: [String]
    let samples: [String]

    var isRecursive: Bool { false }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> SharedDaemon? {
        test.isSuite ? self : nil
    }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let daemon = try await DaemonProcess.start(extraArguments)
        defer { daemon.stop() }
        for sample in samples { try await daemon.requireIngest(sample) }
        try await Self.$current.withValue(daemon) { try await function() }
    }

    /// The current suite's daemon; fails the test when there is none.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> DaemonProcess {
        try #require(current, "no daemon: the suite lacks the .daemon trait", sourceLocation: sourceLocation)
    }
}

extension Trait where Self == SharedDaemon {
    /// One daemon for the suite, started with `extraArguments`, holding the records of `samples` (in order).
    static func daemon(_ extraArguments: [String] = [], samples: [String] = ["samples/offenders.jsonl"]) -> Self {
        SharedDaemon(extraArguments: extraArguments, samples: samples)
    }
}

/// The paths the tests request, with names percent-encoded.
enum Paths {
    static let figure3 = "Prolific Offender Prioritisation"
    static let premium = "CJS Premium Service"

    static func encoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? name
    }

    static func ranking(_ query: String, matrix: String = figure3) -> String {
        "/v1/matrices/\(encoded(matrix))/ranking?\(query)"
    }

    static func explain(_ id: String, _ query: String) -> String {
        "/v1/offenders/\(encoded(id))/explain?\(query)"
    }

    static func results(_ query: String, checklist: String = premium) -> String {
        "/v1/checklists/\(encoded(checklist))/results?\(query)"
    }

    /// `query` with every value percent-encoded for a query string.
    static func query(_ items: [(String, String)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?")
        return items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }
            .joined(separator: "&")
    }
}
