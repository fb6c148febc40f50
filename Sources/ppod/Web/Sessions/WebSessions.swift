import Foundation

/// The web interface's sessions (docs/web.md, "Signing in"): a token pasted once is exchanged for a
/// random session id, held here in memory only, never on disk, and sent back in an `HttpOnly`,
/// `SameSite=Strict` cookie.
///
/// A session ends when its holder signs out, when it has been idle for `idleLimit`, when it is
/// `absoluteLimit` old, and when ppod restarts. The token stays with the session so that every
/// request is checked against the token file as it is now: a revoked token ends its sessions.
final class WebSessions: Sendable {
    struct Session: Sendable {
        /// The cookie's value: 32 random bytes as hex.
        let id: String
        /// The token it was opened with, checked again on every request.
        let token: String
        /// The token every form of this session carries (CSRF).
        let formToken: String
        let opened: Date
        var lastSeen: Date
    }

    let idleLimit: TimeInterval
    let absoluteLimit: TimeInterval
    /// Sessions held at most; the oldest is closed to make room (a bound on memory, not a quota).
    let capacity: Int
    private let sessions = Locked<[String: Session]>([:])

    init(idleLimit: TimeInterval = 30 * 60, absoluteLimit: TimeInterval = 10 * 3600, capacity: Int = 10_000) {
        self.idleLimit = idleLimit
        self.absoluteLimit = absoluteLimit
        self.capacity = capacity
    }

    /// A new session for `token` (already checked by the caller).
    func open(token: String, now: Date = .now) -> Session {
        let session = Session(id: Self.randomHex(), token: token, formToken: Self.randomHex(), opened: now, lastSeen: now)
        sessions.update { held in
            held = held.filter { !Self.expired($0.value, now: now, idle: idleLimit, absolute: absoluteLimit) }
            if held.count >= capacity, let oldest = held.min(by: { $0.value.lastSeen < $1.value.lastSeen }) {
                held[oldest.key] = nil
            }
            held[session.id] = session
        }
        return session
    }

    /// The live session with this id, marked as seen now; nil (and forgotten) when it has expired.
    func find(_ id: String, now: Date = .now) -> Session? {
        sessions.update { held in
            guard var session = held[id] else { return nil }
            if Self.expired(session, now: now, idle: idleLimit, absolute: absoluteLimit) {
                held[id] = nil
                return nil
            }
            session.lastSeen = now
            held[id] = session
            return session
        }
    }

    /// Ends a session (signing out).
    func close(_ id: String) {
        sessions.update { held in held[id] = nil }
    }

    var count: Int { sessions.get().count }

    private static func expired(_ session: Session, now: Date, idle: TimeInterval, absolute: TimeInterval) -> Bool {
        now.timeIntervalSince(session.lastSeen) > idle || now.timeIntervalSince(session.opened) > absolute
    }

    /// 32 bytes from the system's cryptographic generator, as 64 hex digits.
    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares two secrets in time that does not depend on where they first differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
