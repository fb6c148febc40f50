import NIOCore

/// How long a connection may take over each part of a request, and how many may be open at once
/// (docs/ppod.md, "Operations and limits").
struct ConnectionLimits: Sendable {
    /// A new connection's first request head must be complete within this.
    var headerTimeout: TimeAmount
    /// A request body must be complete within this of its head (408 and closed otherwise).
    var bodyTimeout: TimeAmount
    /// A kept-alive connection with no request in progress is closed after this; an answer the
    /// client has stopped reading for this long is abandoned and the connection closed.
    var idleTimeout: TimeAmount
    /// Connections open at once; further ones wait in the listen backlog until one closes.
    var maxConnections: Int

    static let defaults = ConnectionLimits(headerTimeout: .seconds(10), bodyTimeout: .seconds(120),
                                           idleTimeout: .seconds(60), maxConnections: 512)

    /// Whole seconds or fractions of them, as the flags take them.
    static func amount(seconds: Double) -> TimeAmount {
        .nanoseconds(Int64((seconds * 1_000_000_000).rounded()))
    }
}
