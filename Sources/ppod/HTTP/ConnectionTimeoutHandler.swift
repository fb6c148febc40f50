import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Closes a connection that holds ppod without making progress: a first request head not complete
/// within the header timeout, a body not complete within the body timeout of its head (answered
/// 408), a kept-alive connection idle for the idle timeout, and an answer the client has not read
/// from for the idle timeout.
///
/// It sits after the HTTP/1 decoder, so it sees whole request heads, body pieces and ends, and the
/// parts of each answer. While a request is being answered no timeout runs: a run may compute for
/// minutes, and an answer a client is still reading is never cut.
final class ConnectionTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        /// Waiting for a request head: the first one (header timeout) or the next (idle timeout).
        case awaitingHead
        /// A head was read and its body is arriving (body timeout).
        case readingBody
        /// The request was read whole; its answer is being computed or written (no timeout).
        case answering
    }

    private let limits: ConnectionLimits
    private var phase = Phase.awaitingHead
    private var started = false
    /// Requests read whose answer has not been written to its end.
    private var unanswered = 0
    /// Whether the current request's answer has begun (a 408 can no longer be sent).
    private var answerBegun = false
    /// Close once the answer being written ends (after a body timeout's 408).
    private var closeAfterAnswer = false
    private var deadline: Scheduled<Void>?
    private var stall: Scheduled<Void>?

    init(limits: ConnectionLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel(); deadline = nil
        stall?.cancel(); stall = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel(); deadline = nil
        stall?.cancel(); stall = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            unanswered += 1
            answerBegun = false
            phase = .readingBody
            arm(context, after: limits.bodyTimeout) { handler, context in handler.bodyTimedOut(context) }
        case .body:
            break
        case .end:
            // An answer may already have been written (a refusal that did not read the body).
            if unanswered == 0 {
                awaitNextHead(context)
            } else {
                phase = .answering
                deadline?.cancel(); deadline = nil
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.status.kind != .informational { answerBegun = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            unanswered = max(0, unanswered - 1)
            if closeAfterAnswer {
                context.writeAndFlush(data, promise: promise)
                context.close(promise: nil)
                return
            }
            context.write(data, promise: promise)
            if unanswered == 0, phase == .answering { awaitNextHead(context) }
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            stall?.cancel(); stall = nil
        } else if stall == nil {
            // The client has stopped reading the answer: the buffers are full. Wait for it as long
            // as an idle connection is kept, then let the answer go.
            stall = context.eventLoop.assumeIsolated().scheduleTask(in: limits.idleTimeout) { [weak self] in
                self?.stall = nil
                context.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        arm(context, after: limits.headerTimeout) { _, context in context.close(promise: nil) }
    }

    private func awaitNextHead(_ context: ChannelHandlerContext) {
        phase = .awaitingHead
        arm(context, after: limits.idleTimeout) { _, context in context.close(promise: nil) }
    }

    private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount,
                     onTimeout: @escaping (ConnectionTimeoutHandler, ChannelHandlerContext) -> Void) {
        deadline?.cancel()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [weak self] in
            guard let self else { return }
            self.deadline = nil
            onTimeout(self, context)
        }
    }

    /// The body is late: the route reading it fails with a 408 (so nothing of it is stored), that
    /// answer is written, and the connection is closed; if an answer had already begun, it is closed
    /// at once.
    private func bodyTimedOut(_ context: ChannelHandlerContext) {
        let seconds = Double(limits.bodyTimeout.nanoseconds) / 1_000_000_000
        let error = APIError(.requestTimeout, "request-timeout",
                             "the request body did not arrive within \(Self.format(seconds)) s; nothing was stored")
        if answerBegun {
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        closeAfterAnswer = true
        context.fireErrorCaught(error)
        // Should the route not answer (it was not reading the body), close all the same.
        arm(context, after: .seconds(1)) { _, context in context.close(promise: nil) }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
