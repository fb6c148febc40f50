import Foundation
import Testing

/// The timeouts and the connection limit (docs/ppod.md, "Operations and limits"): a connection that
/// holds ppod without making progress is closed, and a client that does not read its answer holds
/// a bounded buffer. Each test starts its own daemon with small limits passed by flags.
@Suite
struct ConnectionLimitTests {
    /// Long enough never to fire in a test that is about another limit.
    static let long = "300"

    @Test func halfARequestHeadIsCutAtTheHeaderTimeout() async throws {
        let daemon = try await DaemonProcess.start(["--header-timeout", "0.5", "--idle-timeout", Self.long,
                                                    "--body-timeout", Self.long])
        defer { daemon.stop() }
        // Timed from before the connection is made, so a slow test cannot make ppod look early.
        let start = Date()
        let slow = try RawConnection(port: daemon.port)
        #expect(slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bea"))
        let closed = await slow.secondsUntilClosed(within: Patience.seconds)
        try #require(closed != nil, "a half request head was held for \(Patience.seconds) s")
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds >= 0.45, "closed after \(seconds) s, before the header timeout")
        // A whole head sent at once is answered as ever.
        let prompt = try RawConnection(port: daemon.port)
        prompt.send(Self.get("/healthz", token: daemon.tokens.admin.token))
        #expect(await prompt.readAnswer(within: Patience.seconds)?.hasPrefix("HTTP/1.1 200") == true, "\(prompt.receivedText)")
    }

    @Test func aTrickledBodyIsRefusedAtTheBodyTimeoutAndNothingIsStored() async throws {
        let daemon = try await DaemonProcess.start(["--body-timeout", "1", "--header-timeout", Self.long,
                                                    "--idle-timeout", Self.long])
        defer { daemon.stop() }
        let body = Array(try daemon.read("samples/offenders.jsonl"))
        let connection = try RawConnection(port: daemon.port)
        let start = Date()
        connection.send("PUT /v1/offenders HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(daemon.tokens.admin.token)\r\n"
                        + "Content-Type: application/x-ndjson\r\nContent-Length: \(body.count)\r\n\r\n")
        // The records' first lines at once (so a truncated body would store some), then a byte every 0.2 s.
        let firstLines = body.indices.filter { body[$0] == 0x0A }.dropFirst(2).first ?? 0
        connection.send(Array(body[0...firstLines]))
        var sent = firstLines + 1
        var outcome = RawConnection.Read.nothingYet
        while sent < body.count, Date().timeIntervalSince(start) < Patience.seconds {
            if !connection.send([body[sent]]) { outcome = .closed; break }
            sent += 1
            outcome = await connection.read(within: 0.2)
            if outcome != .nothingYet { break }
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(outcome != .nothingYet, "a body trickled for \(elapsed) s was still being read")
        #expect(sent < body.count, "the whole trickled body was accepted")
        #expect(elapsed >= 0.95, "refused after \(elapsed) s, before the body timeout")
        if case .bytes = outcome {
            _ = await connection.secondsUntilClosed(within: Patience.seconds)
            #expect(connection.receivedText.hasPrefix("HTTP/1.1 408"), "\(connection.receivedText)")
            #expect(connection.receivedText.contains("\"request-timeout\""), "\(connection.receivedText)")
        }
        let health = try await daemon.get("/healthz")
        #expect(try health.object()["offenders"] as? Int == 0, "part of a refused body was stored: \(health)")
    }

    @Test func anIdleKeptAliveConnectionIsClosedAtTheIdleTimeout() async throws {
        let daemon = try await DaemonProcess.start(["--idle-timeout", "1", "--header-timeout", Self.long,
                                                    "--body-timeout", Self.long])
        defer { daemon.stop() }
        let connection = try RawConnection(port: daemon.port)
        // Two requests sent together: both are answered on the kept-alive connection, whatever the
        // pace of the test; then it idles. Timed from before they are sent.
        let start = Date()
        let request = Self.get("/healthz", token: daemon.tokens.admin.token)
        connection.send(request + request)
        #expect(await connection.readAnswer(within: Patience.seconds)?.hasPrefix("HTTP/1.1 200") == true, "\(connection.receivedText)")
        #expect(await connection.readAnswer(within: Patience.seconds)?.hasPrefix("HTTP/1.1 200") == true, "\(connection.receivedText)")
        let closed = await connection.secondsUntilClosed(within: Patience.seconds)
        try #require(closed != nil, "an idle connection was kept for \(Patience.seconds) s")
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds >= 0.95, "closed after \(seconds) s, before the idle timeout")
    }

    @Test func connectionsBeyondTheLimitWaitUntilOneCloses() async throws {
        let daemon = try await DaemonProcess.start(["--max-connections", "2", "--idle-timeout", Self.long,
                                                    "--header-timeout", Self.long])
        defer { daemon.stop() }
        let token = daemon.tokens.admin.token
        let held = try (0..<2).map { _ in try RawConnection(port: daemon.port) }
        for connection in held {
            connection.send(Self.get("/healthz", token: token))
            #expect(await connection.readAnswer(within: Patience.seconds)?.hasPrefix("HTTP/1.1 200") == true)
        }
        let waiting = try RawConnection(port: daemon.port)
        waiting.send(Self.get("/healthz", token: token))
        #expect(await waiting.read(within: 1.5) == .nothingYet, "a third connection was served: \(waiting.receivedText)")
        held[0].close()
        #expect(await waiting.readAnswer(within: Patience.seconds)?.hasPrefix("HTTP/1.1 200") == true,
                "the waiting connection was not served once one closed: \(waiting.receivedText)")
    }

    @Test func clientsThatReadNothingOfALargeRankingHoldBoundedMemory() async throws {
        let daemon = try await DaemonProcess.start(["--idle-timeout", Self.long])
        defer { daemon.stop() }
        let generated = try daemon.ppo("generate", "--offenders", "12000", "--seed", "11", "--output", "many.jsonl")
        try #require(generated.status == 0, "\(generated)")
        try await daemon.requireIngest("many.jsonl")
        let path = "/v1/matrices/Prolific%20Offender%20Prioritisation/ranking?as_of=2026-11-22"
        // Read once in full: the ranking is evaluated and cached, and its size known.
        let whole = try await daemon.get(path)
        try #require(whole.status == 200, "\(whole)")
        let pid = try #require(daemon.processIdentifier)
        let before = try #require(Self.residentMB(of: pid))

        let clients = 8
        let stalled = try (0..<clients).map { _ in try RawConnection(port: daemon.port, receiveBuffer: 4096) }
        for client in stalled {
            client.send(Self.get(path, token: daemon.tokens.admin.token))
        }
        // Long enough for every answer to fill whatever ppod would buffer for it.
        var peak = before
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(250))
            peak = max(peak, Self.residentMB(of: pid) ?? 0)
        }
        let answerMB = whole.body.count >> 20
        // Unbounded, each client would hold about the whole answer (eight times 40-odd MB); bounded,
        // a few MB each.
        #expect(peak - before < 150,
                "ppod grew from \(before) MB to \(peak) MB while \(clients) clients read nothing of a \(answerMB) MB answer")
        // ppod still answers others meanwhile.
        let health = try await daemon.get("/healthz")
        #expect(health.status == 200, "\(health)")
        for client in stalled { client.close() }
    }

    static func get(_ path: String, token: String) -> String {
        "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n"
    }

    /// VmRSS of `pid` in MB, from /proc.
    static func residentMB(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return kilobytes >> 10
    }
}
