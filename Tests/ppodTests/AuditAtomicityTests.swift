import Foundation
import Testing

/// A change and its audit entry are committed in one transaction: a `kill -9` at any moment leaves
/// every acknowledged change stored and audited, and nothing half-stored or stored without its entry.
@Suite
struct AuditAtomicityTests {
    /// One change sent to the daemon: an ingest of new ids under `tag`, or a run `as_of` a date of its own.
    struct Change: Sendable {
        enum Kind: Sendable { case ingest(ids: Set<String>), run(asOf: String) }
        let tag: String
        let kind: Kind
        var acknowledged = false
    }

    /// The changes the stream has sent so far, shared with the test that kills the daemon.
    final class Sent: @unchecked Sendable {
        private let lock = NSLock()
        private var changes: [Change] = []
        func add(_ change: Change) -> Int { lock.withLock { changes.append(change); return changes.count - 1 } }
        func acknowledge(_ index: Int) { lock.withLock { changes[index].acknowledged = true } }
        var all: [Change] { lock.withLock { changes } }
    }

    /// `count` records with new ids under `tag`, all in Northtown.
    static func records(_ tag: String, count: Int) -> (body: Data, ids: Set<String>) {
        let ids = (0..<count).map { "\(tag)-\($0)" }
        let lines = ids.map { #"{"id": "\#($0)", "name": "Kay Killed", "dob": "1990-01-01", "area": "Northtown"}"# + "\n" }
        return (Data(lines.joined().utf8), Set(ids))
    }

    /// Sends a run and then, every third change, another among the ingests, one after another, until
    /// a request fails. Starting with a run makes one likely to finish before the kill.
    static func stream(_ daemon: DaemonProcess, iteration: Int, sent: Sent) async {
        for step in 0... {
            let tag = "K\(iteration)x\(step)"
            if step % 3 == 0 {
                let day = iteration * 40 + step
                let asOf = String(format: "2025-%02d-%02d", 1 + day / 28, 1 + day % 28)
                let index = sent.add(Change(tag: tag, kind: .run(asOf: asOf)))
                guard let response = try? await daemon.request("POST", "/v1/runs?as_of=\(asOf)&force=true", as: daemon.tokens.admin),
                      response.status == 201 else { return }
                sent.acknowledge(index)
            } else {
                let (body, ids) = records(tag, count: 300)
                let index = sent.add(Change(tag: tag, kind: .ingest(ids: ids)))
                guard let response = try? await daemon.request("PUT", "/v1/offenders?source=\(tag)", as: daemon.tokens.admin,
                                                                body: body),
                      response.status == 200 else { return }
                sent.acknowledge(index)
            }
        }
    }

    /// Rankings, one after another, until a request fails.
    static func read(_ daemon: DaemonProcess) async {
        while let response = try? await daemon.get(Paths.ranking("as_of=2026-11-22")), response.status == 200 {}
    }

    @Test func kill9NeverSeparatesAChangeFromItsAuditEntry() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.kill9() }
        let sent = Sent()
        let started = Date()
        var iteration = 0
        while iteration < 20 && Date().timeIntervalSince(started) < 40 {
            iteration += 1
            let stream = Task { [iteration] in await Self.stream(daemon, iteration: iteration, sent: sent) }
            // Reads alongside, each with an audit entry to write: they queue for the store's one writer,
            // as they do in service, so a change waits among them.
            let readers = (0..<2).map { _ in Task { await Self.read(daemon) } }
            // The first kill waits for an acknowledged run, so the test always covers one; later kills
            // fall at random points. (On two cores a busy suite can delay the stream by seconds.)
            if iteration == 1 {
                let patience = Date().addingTimeInterval(Patience.seconds)
                while !sent.all.contains(where: { if case .run = $0.kind { $0.acknowledged } else { false } }),
                      Date() < patience {
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 50...1500)))
            daemon.kill9()
            await stream.value
            for reader in readers { await reader.value }
            try await daemon.restart()
            try await check(daemon, sent.all, iteration: iteration)
        }
        let changes = sent.all
        #expect(changes.contains { $0.acknowledged }, "no change was acknowledged before a kill")
        // Runs are exercised too, not only ingests: a refused run would end each stream early.
        #expect(changes.contains { if case .run = $0.kind { $0.acknowledged } else { false } },
                "no run was acknowledged before a kill")
        let full = try await daemon.get("/v1/audit?verify=full&limit=1")
        #expect(try full.object()["chain_intact"] as? Bool == true, "\(full)")
    }

    func check(_ daemon: DaemonProcess, _ changes: [Change], iteration: Int) async throws {
        let export = try await daemon.get("/v1/offenders")
        try #require(export.status == 200, "\(export)")
        let stored = Set(JSONLines.ids(of: export.body))
        let runsResponse = try await daemon.get("/v1/runs?limit=10000")
        let runs = Set((try runsResponse.object()["runs"] as? [[String: Any]] ?? []).compactMap { $0["as_of"] as? String })
        let auditResponse = try await daemon.get("/v1/audit?since=0&limit=100000")
        let audit = try auditResponse.object()
        #expect(audit["chain_intact"] as? Bool == true, "iteration \(iteration): the chain broke")
        let entries = audit["entries"] as? [[String: Any]] ?? []
        func audited(_ action: String, _ pathPart: String, status: Int) -> [[String: Any]] {
            entries.filter {
                $0["action"] as? String == action && $0["status"] as? Int == status
                    && ($0["path"] as? String)?.hasSuffix(pathPart) == true
            }
        }
        for change in changes {
            switch change.kind {
            case .ingest(let ids):
                let present = ids.intersection(stored)
                #expect(present.isEmpty || present.count == ids.count,
                        "iteration \(iteration): ingest \(change.tag) half-stored (\(present.count) of \(ids.count))")
                if change.acknowledged {
                    #expect(present.count == ids.count, "iteration \(iteration): acknowledged ingest \(change.tag) lost")
                }
                let found = audited("ingest", "source=\(change.tag)", status: 200)
                #expect(found.count == (present.isEmpty ? 0 : 1),
                        "iteration \(iteration): ingest \(change.tag) stored=\(!present.isEmpty) with \(found.count) audit entries")
                if let entry = found.first {
                    #expect(Set(entry["offenders"] as? [String] ?? []) == ids, "iteration \(iteration): \(change.tag)")
                }
            case .run(let asOf):
                let isStored = runs.contains(asOf)
                if change.acknowledged { #expect(isStored, "iteration \(iteration): acknowledged run \(asOf) lost") }
                let found = audited("run", "as_of=\(asOf)&force=true", status: 201)
                #expect(found.count == (isStored ? 1 : 0),
                        "iteration \(iteration): run \(asOf) stored=\(isStored) with \(found.count) audit entries")
            }
        }
    }
}
