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
    /// Runs `executable` with `arguments` in the current directory, standard output to `stdoutPath`
    /// (or /dev/null), and reads its resource usage from `wait4`.
    static func run(_ executable: String, _ arguments: [String], stdoutPath: String = "/dev/null") throws -> ChildRun {
        let errPath = NSTemporaryDirectory() + "ppo-bench-stderr-\(getpid())"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
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
