import Foundation
import Testing
@testable import PPOEngine

/// Loading rules from disk (`Engine.load(paths:)`).
@Suite struct EngineTests {
    @Test func aMissingPathIsADiagnosticNotACrash() {
        let rules = Engine.load(paths: ["/nonexistent/rules"])
        #expect(rules.hasErrors)
        let diagnostic = rules.diagnostics.first
        #expect(diagnostic?.id == .unreadableFile)
        #expect(diagnostic?.range == nil)
        Golden.check(DiagnosticRenderer(sources: rules.sources).text(rules.diagnostics), "unreadable-file.txt", area: "Semantics")
    }

    @Test func directoriesAreReadRecursivelyInOrderAndEachFileOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-engine-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data(Fixture.categories.utf8).write(to: folder.appendingPathComponent("b.ppo"))
        try Data("matrix \"A\"\nend\n".utf8).write(to: folder.appendingPathComponent("sub/a.ppo"))
        try Data("not rules".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let rules = Engine.load(paths: [folder.path, folder.appendingPathComponent("b.ppo").path])
        #expect(rules.diagnostics.isEmpty)
        #expect(rules.sources.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["b.ppo", "a.ppo"])
        #expect(rules.matrixNames == ["A"])
        #expect(rules.matrixNames(inFile: 1) == ["A"])
        #expect(rules.digest.count == 64)
    }

    /// A folder that cannot be listed (no permission, no file descriptors left) is an error, not an
    /// empty folder: the daemon must never take a set loaded without it for a clean one.
    @Test func aFolderThatCannotBeListedIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-engine-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data(Fixture.categories.utf8).write(to: folder.appendingPathComponent("b.ppo"))
        try Data("matrix \"A\"\nend\n".utf8).write(to: folder.appendingPathComponent("sub/a.ppo"))
        struct Exhausted: Error {}
        for failing in [folder.path, folder.path + "/sub"] {
            let rules = Engine.load(paths: [folder.path], listing: { path in
                if path == failing { throw Exhausted() }
                return try FileManager.default.contentsOfDirectory(atPath: path)
            })
            #expect(rules.hasErrors, "\(failing)")
            #expect(rules.diagnostics.contains { $0.id == .unreadableFile && $0.message == "cannot list directory \(failing)" },
                    "\(rules.diagnostics)")
        }
    }

    @Test func theDigestChangesWithTheRules() {
        let a = Engine.load(files: [SourceFile(path: "m.ppo", text: "matrix \"A\"\nend\n")])
        let b = Engine.load(files: [SourceFile(path: "m.ppo", text: "matrix \"A\"\n  capacity 3\nend\n")])
        let c = Engine.load(files: [SourceFile(path: "m.ppo", text: "matrix \"A\"\nend\n")])
        let d = Engine.load(files: [SourceFile(path: "./rules/../m.ppo", text: "matrix \"A\"\nend\n")])
        #expect(a.digest != b.digest)
        #expect(a.digest == c.digest)
        #expect(a.digest == d.digest)
    }
}
