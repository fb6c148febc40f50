import Foundation
import Hummingbird

/// A response body written by one of the engine's synchronous writers (a ranking of a million
/// offenders runs to gigabytes), a few pieces ahead of the network instead of whole in memory.
enum StreamedBody {
    /// The writer runs on a thread of its own and blocks once `depth` pieces wait to be sent; when
    /// the client goes away it is stopped at its next piece.
    static func make(depth: Int = 8,
                     _ produce: @escaping @Sendable (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) -> ResponseBody {
        ResponseBody { writer in
            let (pieces, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            let gate = DispatchSemaphore(value: depth)
            let stopped = Locked(false)
            let thread = Thread {
                try? produce { piece in
                    gate.wait()
                    if stopped.get() { throw CancellationError() }
                    continuation.yield(Array(piece))
                }
                continuation.finish()
            }
            thread.start()
            defer {
                stopped.update { $0 = true }
                for _ in 0...depth { gate.signal() }
            }
            for await piece in pieces {
                try await writer.write(ByteBuffer(bytes: piece))
                gate.signal()
            }
            try await writer.finish(nil)
        }
    }
}
