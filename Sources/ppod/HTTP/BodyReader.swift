import Hummingbird

/// Reads a request body as it arrives, within the size limit.
enum BodyReader {
    /// Calls `piece` for each part of the body; a 413 as soon as the body is over `limit` bytes
    /// (before reading anything when Content-Length already says so).
    static func stream(_ request: Request, limit: Int, _ piece: (ArraySlice<UInt8>) throws -> Void) async throws {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw tooLarge(limit)
        }
        var total = 0
        for try await buffer in request.body {
            total += buffer.readableBytes
            if total > limit { throw tooLarge(limit) }
            try piece(Array(buffer.readableBytesView)[...])
        }
    }

    /// The whole body, within `limit`.
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        try await stream(request, limit: limit) { bytes.append(contentsOf: $0) }
        return bytes
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "too-large",
                 "the request body is over the limit of \(limit / (1 << 20)) MB; nothing was stored")
    }
}
