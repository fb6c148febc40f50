import Testing
@testable import PPOEngine

/// Malformed rules never crash: truncated and garbled versions of every shipped file give
/// diagnostics, not traps.
@Suite struct MalformedRulesTests {
    static let shipped = ProjectFiles.shippedRules()

    @Test func theShippedRulesLoadClean() {
        #expect(!Self.shipped.isEmpty)
        let rules = Engine.load(files: Self.shipped.map { SourceFile(path: $0.path, text: $0.text) })
        #expect(rules.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
    }

    @Test func truncatedFilesGiveDiagnosticsNotTraps() {
        for file in Self.shipped {
            let bytes = Array(file.text.utf8)
            let others = Self.shipped.filter { $0.path != file.path }.map { SourceFile(path: $0.path, text: $0.text) }
            // Every cut point would take minutes on a large file; a stride still hits every construct
            // (each cut reloads every shipped file, so the work grows with their number).
            let step = max(1, bytes.count / 150)
            for cut in stride(from: 0, to: bytes.count, by: step) {
                let text = String(decoding: bytes[0..<cut], as: UTF8.self)
                let rules = Engine.load(files: others + [SourceFile(path: file.path, text: text)])
                _ = rules.diagnostics.count
            }
        }
    }

    @Test func garbledFilesNeverTrap() {
        var generator = SplitMix(seed: 2026)
        let noise: [UInt8] = Array("()[]{},.=<>-+*/\"#\\ \n\tend where within 0 9 x".utf8)
        for file in Self.shipped {
            let others = Self.shipped.filter { $0.path != file.path }.map { SourceFile(path: $0.path, text: $0.text) }
            for _ in 0..<60 {
                var bytes = Array(file.text.utf8)
                guard !bytes.isEmpty else { continue }
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[at] = noise.randomElement(using: &generator) ?? 32
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: at)
                    }
                    if bytes.isEmpty { break }
                }
                let rules = Engine.load(files: others + [SourceFile(path: file.path, text: String(decoding: bytes, as: UTF8.self))])
                _ = rules.diagnostics.count
            }
        }
    }
}
