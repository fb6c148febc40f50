import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of another program, measured the way `/usr/bin/time -v` measures it.
struct ChildRun {
    let status: Int32
    let wallSeconds: Double
    let userSeconds: Double
    let systemSeconds: Double
    /// Peak resident set size, in bytes.
    let peakRSS: Int
    let standardError: String
}

enum ChildProcess {
    /// GNU time, which measures a grandchild forked from its own small process.
    static let timeTool = "/usr/bin/time"

    /// Runs `executable` with `arguments` in the current directory, standard output to `stdoutPath`
    /// (or /dev/null), and measures it.
    ///
    /// Linux carries a process's peak RSS across `exec`, and `posix_spawn` starts the child in the
    /// parent's memory: a child spawned directly would report this benchmark's own peak (gigabytes,
    /// after the in-memory figure) as its own. So the child is run under `/usr/bin/time` when there
    /// is one, whose own child starts from a small process; wall time is still taken here.
    static func run(_ executable: String, _ arguments: [String], stdoutPath: String = "/dev/null") throws -> ChildRun {
        guard FileManager.default.isExecutableFile(atPath: timeTool) else {
            return try spawn(executable, arguments, stdoutPath: stdoutPath)
        }
        let report = NSTemporaryDirectory() + "ppo-bench-time-\(getpid())"
        defer { unlink(report) }
        let run = try spawn(timeTool, ["-f", "%M %U %S %x", "-o", report, "--", executable] + arguments,
                            stdoutPath: stdoutPath)
        let fields = ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).suffix(4).map(String.init)
        guard fields.count == 4, let kilobytes = Int(fields[0]), let user = Double(fields[1]),
              let system = Double(fields[2]), let status = Int32(fields[3]) else {
            throw BenchError("could not read \(timeTool)'s report for \(executable)")
        }
        return ChildRun(status: status, wallSeconds: run.wallSeconds, userSeconds: user, systemSeconds: system,
                        peakRSS: kilobytes * 1024, standardError: run.standardError)
    }

    /// Runs `executable` directly, reading its resource usage from `wait4`.
    static func spawn(_ executable: String, _ arguments: [String], stdoutPath: String) throws -> ChildRun {
        let errPath = NSTemporaryDirectory() + "ppo-bench-stderr-\(getpid())"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Each `strdup` copy is freed once by the `defer` below, after `posix_spawn` has copied argv.
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let wall = clock.now - start
        let stderrText = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        unlink(errPath)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ChildRun(status: exitStatus, wallSeconds: wall.seconds, userSeconds: seconds(usage.ru_utime),
                        systemSeconds: seconds(usage.ru_stime), peakRSS: Int(usage.ru_maxrss) * 1024,
                        standardError: stderrText)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
