import ArgumentParser
import Foundation
import GRDB
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import Logging
import PPOEngine
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the daemon (the default command).",
        discussion: """
            Loads the rules (and refuses to start when they have errors), opens the store, ingests any \
            --ingest files, and serves HTTP until stopped. Every endpoint is described in docs/ppod.md.

            Example:
              ppod --db ppod.sqlite --tokens samples/tokens.txt \\
                   --ingest samples/offenders-previous.jsonl --ingest samples/offenders.jsonl
            """
    )

    @Option(help: ArgumentHelp("The SQLite store (created when missing).", valueName: "FILE"))
    var db = "ppod.sqlite"

    @Option(help: ArgumentHelp("The token file: name role areas salt hash, one per line.", valueName: "FILE"))
    var tokens: String

    @Option(name: .customLong("rules"),
            help: ArgumentHelp("A rules folder or file (repeatable). Default: matrices and rules.", valueName: "DIR"))
    var ruleFolders: [String] = []

    @Option(help: ArgumentHelp("The address to listen on (default: loopback only).", valueName: "ADDR"))
    var host = "127.0.0.1"

    @Option(name: .customLong("tls-cert"),
            help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM); needs --tls-key.", valueName: "FILE"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"),
            help: ArgumentHelp("The private key (PEM) of --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "N"))
    var port = 8080

    @Option(name: .customLong("daily-at"),
            help: ArgumentHelp("When the daily run happens (HH:MM in --time-zone), or off.", valueName: "HH:MM"))
    var dailyAt = "06:00"

    @Option(name: .customLong("time-zone"),
            help: ArgumentHelp("The zone of --daily-at and of today's date.", valueName: "ID"))
    var timeZone = "Europe/London"

    @Option(name: .customLong("max-request-mb"),
            help: ArgumentHelp("The largest request body accepted, in MB.", valueName: "N"))
    var maxRequestMB = 256

    @Option(name: .customLong("cache-mb"),
            help: ArgumentHelp("Memory for answers already computed (rankings, results, alerts), in MB; 0 turns it off.",
                               valueName: "N"))
    var cacheMB = 256

    @Option(name: .customLong("rankings-kept"),
            help: ArgumentHelp("Matrix rankings of the whole store kept in memory (one per matrix and date).",
                               valueName: "N"))
    var rankingsKept = 2

    @Option(name: .customLong("watch-interval"),
            help: ArgumentHelp("Seconds between looks at the rules folders and the token file.", valueName: "S"))
    var watchInterval = 1.0

    @Option(help: ArgumentHelp("JSON Lines to ingest at start, in order (repeatable).", valueName: "FILE"))
    var ingest: [String] = []

    @Option(name: .customLong("audit-refusals-per-minute"),
            help: ArgumentHelp("Refused requests (401, 403) of one client address written to the audit log per minute; the rest are only counted.",
                               valueName: "N"))
    var auditRefusalsPerMinute = 60

    @Option(name: .customLong("header-timeout"),
            help: ArgumentHelp("Seconds a new connection has to send its first request head; then it is closed.",
                               valueName: "S"))
    var headerTimeout = 10.0

    @Option(name: .customLong("body-timeout"),
            help: ArgumentHelp("Seconds a request body has to arrive in full after its head; then 408.", valueName: "S"))
    var bodyTimeout = 120.0

    @Option(name: .customLong("idle-timeout"),
            help: ArgumentHelp("Seconds a kept-alive connection may wait for its next request, or an answer wait for "
                               + "its client to read, before the connection is closed.", valueName: "S"))
    var idleTimeout = 60.0

    @Option(name: .customLong("max-connections"),
            help: ArgumentHelp("Connections served at once; more wait to be accepted until one closes.", valueName: "N"))
    var maxConnections = 512

    func validate() throws {
        if dailyAt != "off", TimeOfDay(dailyAt) == nil { throw ValidationError("--daily-at must be HH:MM or off") }
        if LocalCalendar(identifier: timeZone) == nil { throw ValidationError("unknown time zone '\(timeZone)'") }
        guard (1...65_536).contains(maxRequestMB) else { throw ValidationError("--max-request-mb must be 1 to 65536") }
        guard watchInterval >= 0.05, watchInterval <= 3600 else {
            throw ValidationError("--watch-interval must be from 0.05 to 3600 seconds")
        }
        guard (0...65_536).contains(cacheMB) else { throw ValidationError("--cache-mb must be 0 to 65536") }
        guard (1...64).contains(rankingsKept) else { throw ValidationError("--rankings-kept must be 1 to 64") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (0...100_000).contains(auditRefusalsPerMinute) else {
            throw ValidationError("--audit-refusals-per-minute must be 0 to 100000")
        }
        for (flag, seconds) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout),
                                ("--idle-timeout", idleTimeout)] {
            guard seconds >= 0.05, seconds <= 86_400 else { throw ValidationError("\(flag) must be from 0.05 to 86400 seconds") }
        }
        guard (1...1_000_000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1 to 1000000") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
    }

    /// The timeouts and the connection limit the flags set.
    var limits: ConnectionLimits {
        ConnectionLimits(headerTimeout: ConnectionLimits.amount(seconds: headerTimeout),
                         bodyTimeout: ConnectionLimits.amount(seconds: bodyTimeout),
                         idleTimeout: ConnectionLimits.amount(seconds: idleTimeout),
                         maxConnections: maxConnections)
    }

    func run() async throws {
        var logger = Logger(label: "ppod")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info

        let paths = ruleFolders.isEmpty ? ["matrices", "rules"] : ruleFolders
        let rulesAtStart = FileFingerprint.of(paths)
        let tokensAtStart = FileFingerprint.of([tokens], suffix: nil)
        let (live, loaded, emptyReason) = LiveRules.load(paths: paths)
        let renderer = DiagnosticRenderer(sources: loaded.sources)
        if !loaded.diagnostics.isEmpty { Self.standardError(renderer.text(loaded.diagnostics)) }
        if let emptyReason {
            Self.standardError("ppod: not started: no rules to serve: \(emptyReason)\n")
            throw ExitCode(2)
        }
        guard let live else {
            Self.standardError(DiagnosticRenderer.summary(loaded.diagnostics, files: loaded.sources.files.count) + "\n")
            Self.standardError("ppod: not started: the rules have errors\n")
            throw ExitCode(1)
        }
        let registry: TokenRegistry
        do {
            registry = try TokenRegistry(path: tokens)
        } catch {
            Self.standardError("ppod: \(error)\n")
            throw ExitCode(2)
        }
        let pool: DatabasePool
        do {
            pool = try StoreDatabase.open(path: db)
        } catch {
            Self.standardError("ppod: cannot open the store '\(db)': \(error)\n")
            throw ExitCode(2)
        }
        guard let calendar = LocalCalendar(identifier: timeZone) else { throw ExitCode(2) }
        let tls: TLSConfiguration?
        do {
            tls = try tlsConfiguration()
        } catch {
            Self.standardError("ppod: cannot use --tls-cert '\(tlsCert ?? "")' and --tls-key '\(tlsKey ?? "")': \(error)\n")
            throw ExitCode(2)
        }
        var daemon = Daemon(rules: live, tokens: registry, store: OffenderStore(pool: pool), runs: RunArchive(pool: pool),
                            audit: AuditLog(pool: pool, refusals: RefusalLimiter(perMinute: auditRefusalsPerMinute)),
                            metrics: Metrics(), calendar: calendar,
                            maxRequestBytes: maxRequestMB << 20,
                            cache: AnswerCache(limit: cacheMB << 20), rankings: RankingCache(limit: rankingsKept))
        daemon.tls = tls != nil
        for file in ingest { try await Self.ingest(file, into: daemon) }

        var services: [any Service] = [
            RulesWatcher(rules: live, tokens: registry, metrics: daemon.metrics,
                         interval: .milliseconds(Int(watchInterval * 1000)), logger: logger,
                         rulesAtStart: rulesAtStart, tokensAtStart: tokensAtStart),
        ]
        if let time = TimeOfDay(dailyAt) {
            services.append(DailyRunScheduler(daemon: daemon, time: time, logger: logger))
        }
        let limits = self.limits
        let http1 = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: [ConnectionTimeoutHandler(limits: limits)]))
        let scheme = tls == nil ? "http" : "https"
        let host = self.host
        let startLogger = logger
        let app = Application(
            router: DaemonRouter.make(daemon),
            server: try tls.map { try HTTPServerBuilder.tls(http1, tlsConfiguration: $0) } ?? http1,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port), serverName: "ppod",
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                // Written straight to the descriptor: tests and supervisors wait for this line.
                FileHandle.standardOutput.write(Data("ppod: listening on \(scheme)://\(Self.displayHost(host)):\(port)\n".utf8))
                if Self.isLoopback(host) {
                    startLogger.info("listening on loopback only: give --host to serve other machines (with --tls-cert and --tls-key)")
                } else if scheme == "http" {
                    startLogger.warning("serving plain HTTP beyond loopback: tokens and offender data cross the network unencrypted; give --tls-cert and --tls-key")
                }
            },
            logger: logger
        )
        try await app.runService()
    }

    /// `--ingest FILE`: the file read and stored as `PUT /v1/offenders` would, and audited.
    static func ingest(_ path: String, into daemon: Daemon) async throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            standardError("ppod: cannot read --ingest file '\(path)'\n")
            throw ExitCode(2)
        }
        defer { try? file.close() }
        let caller = Caller(name: "ppod --ingest", role: .admin, areas: nil)
        var ingestion = Ingestion(rules: daemon.rules.current, caller: caller, source: path,
                                  held: try await daemon.store.areas(), store: daemon.store)
        while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
            ingestion.feed(Array(chunk)[...])
        }
        let audit = AuditEntry(at: Date.now.ISO8601Format(), token: caller.name, role: caller.role.rawValue, method: "-",
                               path: AuditEntry.loggedPath(path), status: 200, action: "ingest", offenders: [])
        let outcome = try await ingestion.commit(to: daemon.store, metrics: daemon.metrics, audit: audit)
        for record in ingestion.rejected { standardError(record.rendered + "\n") }
        standardError("ppod: ingested \(path): \(outcome.inserted) new, \(outcome.updated) changed, "
                      + "\(outcome.unchanged) unchanged, \(ingestion.rejected.count) rejected\n")
    }

    private static func displayHost(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The server's TLS settings from `--tls-cert` and `--tls-key`; nil without them.
    func tlsConfiguration() throws -> TLSConfiguration? {
        guard let tlsCert, let tlsKey else { return nil }
        let chain = try NIOSSLCertificate.fromPEMFile(tlsCert)
        let key = try NIOSSLPrivateKey(file: tlsKey, format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
