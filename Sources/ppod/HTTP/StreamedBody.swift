import Foundation
import Hummingbird

/// A response body written by one of the engine's synchronous writers (a ranking of a million
/// offenders runs to gigabytes), a few chunks ahead of the network instead of whole in memory.
enum StreamedBody {
    /// The bytes one write hands to the channel.
    static let chunkSize = 64 << 10

    /// The writer runs on a thread of its own; its pieces are cut into chunks of `chunkSize`, and it
    /// blocks once `depth` chunks wait to be sent. Each chunk is written through Hummingbird's
    /// writer, which waits while the channel is not writable, so a client that stops reading holds
    /// at most `depth` chunks here, the channel's buffer, and the piece the writer is on. When the
    /// client goes away the writer is stopped at its next chunk.
    static func make(depth: Int = 4,
                     _ produce: @escaping @Sendable (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) -> ResponseBody {
        ResponseBody { writer in
            let (chunks, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            let gate = DispatchSemaphore(value: depth)
            let stopped = Locked(false)
            let thread = Thread {
                try? produce { piece in
                    var start = 0
                    while start < piece.count {
                        let end = min(piece.count, start + chunkSize)
                        gate.wait()
                        if stopped.get() { throw CancellationError() }
                        continuation.yield(Array(UnsafeRawBufferPointer(rebasing: piece[start..<end])))
                        start = end
                    }
                }
                continuation.finish()
            }
            thread.start()
            defer {
                stopped.update { $0 = true }
                for _ in 0...depth { gate.signal() }
            }
            for await chunk in chunks {
                try await writer.write(ByteBuffer(bytes: chunk))
                gate.signal()
            }
            try await writer.finish(nil)
        }
    }

    /// Bytes already in memory (a cached or stored answer), written a chunk at a time so that a
    /// client that stops reading does not hold a copy of the whole answer in the channel.
    static func chunked(_ bytes: [UInt8]) -> ResponseBody {
        guard bytes.count > chunkSize else { return ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)) }
        return ResponseBody(contentLength: bytes.count) { writer in
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunkSize)
                try await writer.write(ByteBuffer(bytes: bytes[start..<end]))
                start = end
            }
            try await writer.finish(nil)
        }
    }
}
