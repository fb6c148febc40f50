import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection to the daemon, for what URLSession cannot do: send half a request, send
/// a body a byte at a time, keep a connection idle, or never read an answer.
final class RawConnection {
    private var descriptor: Int32
    private var received: [UInt8] = []

    /// Connects to `127.0.0.1:port`; `receiveBuffer` (bytes) shrinks the socket's receive buffer
    /// before connecting, so a client that reads nothing stops the server's writes sooner.
    init(port: Int, receiveBuffer: Int? = nil) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw RawConnectionError("socket: errno \(errno)") }
        if var size = receiveBuffer.map(Int32.init) {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close()
            throw RawConnectionError("connect: errno \(errno)")
        }
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 {
            #if canImport(Glibc)
            _ = Glibc.close(descriptor)
            #else
            _ = Darwin.close(descriptor)
            #endif
            descriptor = -1
        }
    }

    /// Sends `text`; false when the daemon has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
            let count = bytes[sent...].withUnsafeBytes { Darwin.send(descriptor, $0.baseAddress, $0.count, 0) }
            #endif
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// What one read gives within `seconds`.
    enum Read: Equatable {
        case bytes(Int)
        /// The daemon closed the connection (end of stream or reset).
        case closed
        case nothingYet
    }

    /// Waits up to `seconds` for bytes or the end of the connection. It polls without blocking and
    /// sleeps between looks, so a waiting test leaves the test process's few threads to the others.
    func read(within seconds: TimeInterval) async -> Read {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) > 0 { break }
            if Date() >= deadline { return .nothingYet }
            try? await Task.sleep(for: .milliseconds(10))
        }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count <= 0 { return .closed }
        received += buffer[0..<count]
        return .bytes(count)
    }

    /// Reads until the daemon closes the connection, or `seconds` pass: the seconds it took, or nil.
    func secondsUntilClosed(within seconds: TimeInterval) async -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if await read(within: seconds - Date().timeIntervalSince(start)) == .closed {
                return Date().timeIntervalSince(start)
            }
        }
        return nil
    }

    /// Reads until one whole answer with a Content-Length has arrived (or `seconds` pass), and
    /// returns its status line; the bytes of that answer are consumed.
    func readAnswer(within seconds: TimeInterval) async -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let (statusLine, length) = answerInBuffer() {
                received.removeFirst(length)
                return statusLine
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, await read(within: left) != .closed else { return nil }
        }
    }

    /// Everything received and not yet consumed, as text.
    var receivedText: String { String(decoding: received, as: UTF8.self) }

    private func answerInBuffer() -> (String, Int)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard received.count >= 4,
              let end = (0...(received.count - 4)).first(where: { Array(received[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: received[0..<end], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let length = lines.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        let total = end + 4 + length
        guard received.count >= total else { return nil }
        return (lines.first ?? "", total)
    }
}

struct RawConnectionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
