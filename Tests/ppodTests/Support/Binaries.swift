import Foundation
import Testing

/// Finds the built executables (`ppod`, and `ppo` to compare with) and the package's own files.
enum Binaries {
    /// The package root: the nearest directory above this file holding Package.swift.
    static let packageRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The `ppod` binary: `PPOD_BINARY`, else next to the test bundle, else `.build/debug/ppod`.
    static let ppod: URL? = locate("ppod", override: "PPOD_BINARY")

    /// The `ppo` binary: `PPO_BINARY`, else next to the test bundle, else `.build/debug/ppo`.
    static let ppo: URL? = locate("ppo", override: "PPO_BINARY")

    /// The same search as Tests/ppoTests/PPORunner.swift, for any product name.
    private static func locate(_ name: String, override: String) -> URL? {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment[override] {
            candidates.append(URL(fileURLWithPath: path))
        }
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent(name))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent(name))
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The bytes of a file of the package, e.g. `samples/offenders.jsonl`.
    static func packageFile(_ path: String) throws -> Data {
        try Data(contentsOf: packageRoot.appendingPathComponent(path))
    }
}

/// What one run of `ppo` (or of a `ppod` subcommand) printed.
struct PPOOutput: CustomStringConvertible {
    let status: Int32
    let stdout: Data
    let stderr: String
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var description: String { "exit \(status)\n--- stdout\n\(stdoutText.prefix(2000))\n--- stderr\n\(stderr)" }

    /// The `FILE:LINE: reason` lines of standard error that name `file`.
    func rejectLines(naming file: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix(file + ":") }
    }
}

/// Runs the built `ppo` to get the answers the daemon must reproduce.
enum PPO {
    /// Runs `ppo arguments…` with `directory` as the working directory (files, not pipes, for output).
    static func run(_ arguments: [String], in directory: URL) throws -> PPOOutput {
        try run(Binaries.ppo, named: "ppo", arguments, in: directory)
    }

    /// Runs `ppod arguments…` to completion (for its subcommands, e.g. `ppod token`).
    static func runDaemonCommand(_ arguments: [String], in directory: URL) throws -> PPOOutput {
        try run(Binaries.ppod, named: "ppod", arguments, in: directory)
    }

    private static func run(_ binary: URL?, named name: String, _ arguments: [String], in directory: URL) throws -> PPOOutput {
        let binary = try #require(binary, "the \(name) binary was not found; build it with `swift build`")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let id = UUID().uuidString
        let outURL = directory.appendingPathComponent(".ppo-stdout-\(id)")
        let errURL = directory.appendingPathComponent(".ppo-stderr-\(id)")
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
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return PPOOutput(status: process.terminationStatus,
                         stdout: try Data(contentsOf: outURL),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
