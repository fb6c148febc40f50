import Foundation
import Testing

extension Tag {
    /// Needs the real engine (checker, evaluator, record reader, test runner), not just argument parsing.
    @Tag static var engine: Self
}

/// What one run of the `ppo` binary did.
struct PPOResult: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String
    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// Runs the built `ppo` executable in a scratch directory.
enum PPORunner {
    /// The `ppo` binary next to the test bundle, else `.build/debug/ppo` of this package.
    static let binary: URL? = {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["PPO_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("ppo"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("ppo"))
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("ppo"))
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                candidates.append(directory.appendingPathComponent(".build/debug/ppo"))
                break
            }
            directory.deleteLastPathComponent()
        }
        return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `ppo arguments…` in `workspace` (which is kept alive, and so on disk, until the run ends).
    static func run(_ arguments: [String], in workspace: Workspace) throws -> PPOResult {
        try withExtendedLifetime(workspace) { try run(arguments, inDirectory: workspace.url) }
    }

    /// `run`, waited for on a thread of its own. A test that runs many commands must not hold one of
    /// the few threads every test shares while it waits: the ppod suites start and watch their
    /// daemons on them, and give up on a daemon not heard from within a minute.
    static func detached(_ arguments: [String], in workspace: Workspace, input: Data? = nil) async throws -> PPOResult {
        let directory = workspace.url
        let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PPOResult, any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(arguments, inDirectory: directory, input: input) })
            }
        }
        withExtendedLifetime(workspace) {}
        return result
    }

    /// Runs `ppo arguments…` with `directory` as the working directory; `input`, when given, is its
    /// standard input (else it reads an empty one).
    static func run(_ arguments: [String], inDirectory directory: URL, input: Data? = nil) throws -> PPOResult {
        let binary = try #require(binary, "the ppo binary was not found; build it with `swift build`")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // Files, not pipes: a chatty run cannot fill a pipe buffer and stall.
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let inURL = directory.appendingPathComponent(".stdin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: inURL) }
        if let input {
            try input.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return PPOResult(status: process.terminationStatus,
                         stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A temporary directory laid out like a project: files written on request, removed afterwards.
final class Workspace {
    let url: URL

    init(_ files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(path)), as: UTF8.self)
    }

    /// Writes `bytes` exactly (lines that are not UTF-8, NUL bytes, a byte order mark).
    func write(_ path: String, bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// The file's exact bytes.
    func readBytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url.appendingPathComponent(path)))
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }

    /// Runs `ppo` here.
    func ppo(_ arguments: String...) throws -> PPOResult { try PPORunner.run(arguments, in: self) }
}
