import Foundation
import Testing
@testable import ppod

/// Revocation fails closed: a removed line stops working at the next reload even when another line
/// is bad, and a deleted file leaves no token valid.
@Suite struct TokenRegistryTests {
    static func line(_ name: String, token: String) -> String {
        TokenFile.line(name: name, role: .analyst, areas: ["Northtown"], token: token, salt: TokenFileTests.salt)
    }

    /// A scratch token file holding `lines`, and a registry reading it.
    static func registry(_ lines: [String]) throws -> (TokenRegistry, URL) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-tokens-\(UUID().uuidString).txt")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return (try TokenRegistry(path: file.path), file)
    }

    @Test func aRemovedLineIsRevokedEvenWhenAnotherLineIsBad() throws {
        let (registry, file) = try Self.registry([Self.line("kept", token: "t-kept"), Self.line("removed", token: "t-removed"),
                                                  Self.line("changed", token: "t-changed")])
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(registry.caller(for: "t-removed")?.name == "removed")

        let edited = [Self.line("kept", token: "t-kept"), Self.line("changed", token: "t-changed-2"),
                      Self.line("added", token: "t-added"), "broken-line analyst"]
        try Data((edited.joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
        let reload = registry.reload()
        #expect(reload == TokenRegistry.Reload(tokens: 1, revoked: 2,
                                               problems: ["\(file.path):4: expected 5 fields (name role areas salt hash), found 2"]))
        #expect(registry.caller(for: "t-kept")?.name == "kept")
        #expect(registry.caller(for: "t-removed") == nil)
        #expect(registry.caller(for: "t-changed") == nil)
        #expect(registry.caller(for: "t-changed-2") == nil, "a changed line waits for a clean file")
        #expect(registry.caller(for: "t-added") == nil, "a new line waits for a clean file")

        // Fixed: taken as it is.
        try Data((edited.dropLast().joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
        #expect(registry.reload() == TokenRegistry.Reload(tokens: 3))
        #expect(registry.caller(for: "t-added")?.name == "added")
        #expect(registry.caller(for: "t-changed-2")?.name == "changed")
    }

    @Test func aDeletedFileRevokesEveryToken() throws {
        let (registry, file) = try Self.registry([Self.line("a", token: "t-a"), Self.line("b", token: "t-b")])
        defer { try? FileManager.default.removeItem(at: file) }
        let saved = try Data(contentsOf: file)
        try FileManager.default.removeItem(at: file)
        let reload = registry.reload()
        #expect(reload.tokens == 0 && reload.revoked == 2 && !reload.readable, "\(reload)")
        #expect(reload.problems == ["cannot read the token file '\(file.path)'"])
        #expect(registry.caller(for: "t-a") == nil)
        #expect(registry.caller(for: "t-b") == nil)

        try saved.write(to: file)
        #expect(registry.reload() == TokenRegistry.Reload(tokens: 2))
        #expect(registry.caller(for: "t-a")?.name == "a")
    }

    @Test func aFileThatGrantsNoTokenStopsTheStart() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-tokens-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("# nobody yet\r\n".utf8).write(to: file)
        #expect {
            _ = try TokenRegistry(path: file.path)
        } throws: { error in
            String(describing: error) == "\(file.path): the token file grants no tokens"
        }
    }
}
