/// How many refused requests of one client the audit log records each minute.
///
/// A refusal needs no token, so without a bound anyone who can reach the port could grow the store
/// at the speed of the disk. Each client address gets `perMinute` entries per minute, and all of
/// them together ten times that (addresses are cheap to come by); the refusals beyond that are only
/// counted (in the metrics, by client), not written.
final class RefusalLimiter: Sendable {
    private struct Window {
        var start: ContinuousClock.Instant
        var logged: Int
    }

    /// Entries written per client and minute.
    let perMinute: Int
    /// Clients tracked at once; beyond it, windows that have ended are dropped first.
    private let clientLimit = 10_000
    /// Clients named in the metrics' labels; the rest are counted as `other`, so that the metrics
    /// cannot be grown without bound either.
    private let labelLimit = 256
    private let windows = Locked<[String: Window]>([:])
    /// Every client's refusals together.
    private let everyone = Locked<Window?>(nil)
    private let labelled = Locked<Set<String>>([])

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Whether this refusal of `client` gets an audit entry.
    func admit(_ client: String, now: ContinuousClock.Instant = .now) -> Bool {
        let admitted = windows.update { windows -> Bool in
            if windows.count >= clientLimit {
                windows = windows.filter { now - $0.value.start < .seconds(60) }
                // Still full: every tracked client is within its minute; a new one gets no entry.
                if windows.count >= clientLimit && windows[client] == nil { return false }
            }
            var window = windows[client] ?? Window(start: now, logged: 0)
            if now - window.start >= .seconds(60) { window = Window(start: now, logged: 0) }
            let admitted = window.logged < perMinute
            if admitted { window.logged += 1 }
            windows[client] = window
            return admitted
        }
        guard admitted else { return false }
        return everyone.update { window in
            var current = window ?? Window(start: now, logged: 0)
            if now - current.start >= .seconds(60) { current = Window(start: now, logged: 0) }
            let admitted = current.logged < perMinute * 10
            if admitted { current.logged += 1 }
            window = current
            return admitted
        }
    }

    /// The `client` label of a refusal in the metrics.
    func label(_ client: String) -> String {
        labelled.update { labelled in
            if labelled.contains(client) { return client }
            guard labelled.count < labelLimit else { return "other" }
            labelled.insert(client)
            return client
        }
    }
}
