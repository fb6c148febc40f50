import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `ppod` started on a loopback port in a scratch directory of its own.
///
/// The scratch directory holds copies of the package's `matrices/`, `rules/` and `samples/` (so a
/// test can edit them), the token file and the SQLite store. Standard output and error go to files,
/// never pipes, so a chatty daemon cannot stall on a full pipe. The process is killed when the
/// `DaemonProcess` goes away, and at the latest when the test process exits.
final class DaemonProcess: @unchecked Sendable {
    /// The scratch directory: also the working directory of the `ppo` runs that check the daemon.
    let directory: URL
    let tokens = IssuedTokens()
    private let extraArguments: [String]
    private let session: URLSession
    private let lock = NSLock()
    private var process: Process?
    private var currentPort = 0
    private var launches = 0

    /// Starts a daemon with the standard arguments and `extraArguments`, and waits until it listens.
    static func start(_ extraArguments: [String] = []) async throws -> DaemonProcess {
        let daemon = try DaemonProcess(extraArguments: extraArguments)
        try await daemon.launch()
        return daemon
    }

    /// Prepares the scratch directory without starting the process: a test can edit it, then `launch()`.
    init(extraArguments: [String] = []) throws {
        self.extraArguments = extraArguments
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-e2e-\(UUID().uuidString)")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in ["matrices", "rules", "samples"] {
            try fileManager.copyItem(at: Binaries.packageRoot.appendingPathComponent(folder),
                                     to: directory.appendingPathComponent(folder))
        }
        try Data(tokens.fileText.utf8).write(to: directory.appendingPathComponent("tokens.txt"))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        configuration.timeoutIntervalForResource = 300
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit {
        kill9()
        session.invalidateAndCancel()
        if ProcessInfo.processInfo.environment["PPOD_KEEP_SCRATCH"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// The port the daemon listens on now (a restart picks a new one).
    var port: Int { lock.withLock { currentPort } }

    /// The running daemon's process id (to read its memory from /proc), or nil when it is not running.
    var processIdentifier: Int32? { lock.withLock { process?.processIdentifier } }

    /// The arguments every test daemon gets, before `extraArguments`.
    private var arguments: [String] {
        let path = directory.path
        return ["--db", "\(path)/ppod.sqlite", "--tokens", "\(path)/tokens.txt",
                "--rules", "\(path)/matrices", "--rules", "\(path)/rules",
                "--port", "0", "--host", "127.0.0.1", "--daily-at", "off", "--watch-interval", "0.2"]
            + extraArguments
    }

    /// Starts the process and reads its standard output until it says where it listens (60 s at most);
    /// throws a `DaemonFailure` with the exit status and standard error when it exits first.
    func launch() async throws {
        let binary = try #require(Binaries.ppod, "the ppod binary was not found; build it with `swift build`")
        let launch = lock.withLock { launches += 1; return launches }
        let outURL = directory.appendingPathComponent("ppod-\(launch).stdout")
        let errURL = directory.appendingPathComponent("ppod-\(launch).stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        ChildProcesses.shared.add(process.processIdentifier)
        lock.withLock { self.process = process }

        let deadline = Date().addingTimeInterval(60)
        while true {
            let text = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
            if let port = Self.listeningPort(in: text) {
                lock.withLock { currentPort = port }
                return
            }
            if !process.isRunning {
                let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
                forget(process)
                throw DaemonFailure("ppod exited with status \(process.terminationStatus) before listening\n--- stdout\n\(text)\n--- stderr\n\(stderr)",
                                    status: process.terminationStatus, standardError: stderr)
            }
            // Looked at once more after the deadline, before giving up: on two cores, CPU-bound tests of
            // other suites can keep this task from running for longer than the deadline, and a daemon
            // that did start in time must not fail the test.
            if Date() >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill9()
        throw DaemonFailure("ppod did not print `ppod: listening on http://127.0.0.1:PORT` within 60 s")
    }

    /// The port of the line `ppod: listening on http://HOST:PORT` in `output`, once it is complete.
    static func listeningPort(in output: String) -> Int? {
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard line.hasPrefix("ppod: listening on http://"), let colon = line.lastIndex(of: ":") else { continue }
            return Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Everything the daemon has written to standard error, over all its launches.
    var standardError: String {
        let count = lock.withLock { launches }
        return (1...max(count, 1)).map { launch in
            String(decoding: (try? Data(contentsOf: directory.appendingPathComponent("ppod-\(launch).stderr"))) ?? Data(),
                   as: UTF8.self)
        }.joined(separator: "\n")
    }

    /// SIGTERM, then up to 5 s for the process to exit (SIGKILL after that).
    func stop() {
        _ = terminate(within: 5)
    }

    /// SIGTERM, then waits up to `seconds`: the exit status when the process exited by then; nil
    /// when it had to be killed (or was not running).
    func terminate(within seconds: TimeInterval) -> Int32? {
        guard let process = lock.withLock({ self.process }) else { return nil }
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let exited = !process.isRunning
        if !exited { kill9() }
        forget(process)
        return exited ? process.terminationStatus : nil
    }

    /// SIGKILL, and wait for the process to be gone.
    func kill9() {
        guard let process = lock.withLock({ self.process }) else { return }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        forget(process)
    }

    private func forget(_ process: Process) {
        ChildProcesses.shared.remove(process.processIdentifier)
        lock.withLock { if self.process === process { self.process = nil } }
    }

    /// Stops the daemon (SIGTERM) if it runs, and starts it again on the same store.
    func restart() async throws {
        stop()
        try await launch()
    }

    // MARK: Requests

    /// Sends one request as `caller` (or with `token`; neither: no Authorization header).
    func request(_ method: String, _ path: String, as caller: IssuedToken? = nil, token: String? = nil,
                 body: Data? = nil, headers: [String: String] = [:]) async throws -> HTTPResponse {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"), "not a URL path: \(path)")
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let bearer = token ?? caller?.token {
            request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = body
            if headers["Content-Type"] == nil { request.setValue("application/x-ndjson", forHTTPHeaderField: "Content-Type") }
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse, "no HTTP response for \(method) \(path)")
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { fields[key] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: fields, body: data)
    }

    /// GET `path` as the admin (every area) unless `caller` is given.
    func get(_ path: String, as caller: IssuedToken? = nil, headers: [String: String] = [:]) async throws -> HTTPResponse {
        try await request("GET", path, as: caller ?? tokens.admin, headers: headers)
    }

    /// `PUT /v1/offenders` with the bytes of `file` (relative to the scratch directory), as the admin.
    func ingest(_ file: String, query: String = "", as caller: IssuedToken? = nil) async throws -> HTTPResponse {
        let body = try Data(contentsOf: directory.appendingPathComponent(file))
        return try await request("PUT", "/v1/offenders" + query, as: caller ?? tokens.admin, body: body)
    }

    /// `PUT /v1/offenders` with `body` sent as a stream (chunked, no Content-Length), as the admin.
    func streamIngest(_ body: Data) async throws -> HTTPResponse {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/v1/offenders"))
        var request = URLRequest(url: url)
        request.httpMethod = "PUT"
        request.setValue("Bearer \(tokens.admin.token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/x-ndjson", forHTTPHeaderField: "Content-Type")
        request.httpBodyStream = InputStream(data: body)
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse, "no HTTP response")
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { fields[key] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: fields, body: data)
    }

    /// Ingests `file` and requires a 200.
    @discardableResult
    func requireIngest(_ file: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await ingest(file)
        try #require(response.status == 200, "ingest of \(file): \(response)", sourceLocation: sourceLocation)
        return try response.object(sourceLocation: sourceLocation)
    }

    /// Runs `ppo arguments…` in the scratch directory (same rules, same samples).
    func ppo(_ arguments: String...) throws -> PPOOutput {
        try PPO.run(arguments, in: directory)
    }

    /// Writes `data` to `path` in the scratch directory, atomically (a watcher never sees half a file).
    func write(_ path: String, _ data: Data) throws {
        try data.write(to: directory.appendingPathComponent(path), options: .atomic)
    }

    /// The bytes of `path` in the scratch directory.
    func read(_ path: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(path))
    }
}

/// Why a daemon could not be started: its exit status and standard error when it exited.
struct DaemonFailure: Error, CustomStringConvertible {
    let description: String
    let status: Int32?
    let standardError: String
    init(_ description: String, status: Int32? = nil, standardError: String = "") {
        self.description = description
        self.status = status
        self.standardError = standardError
    }
}

/// Every daemon still running, killed when the test process exits however the tests ended.
final class ChildProcesses: @unchecked Sendable {
    static let shared: ChildProcesses = {
        let registry = ChildProcesses()
        atexit { ChildProcesses.shared.killAll() }
        return registry
    }()

    private let lock = NSLock()
    private var pids: Set<Int32> = []

    func add(_ pid: Int32) { lock.withLock { _ = pids.insert(pid) } }
    func remove(_ pid: Int32) { lock.withLock { _ = pids.remove(pid) } }

    private func killAll() {
        for pid in lock.withLock({ pids }) { kill(pid, SIGKILL) }
    }
}
