import Foundation

extension MonitoringRecord {
    /// `read(bytes:)` of a file read a block at a time: only the monitoring fields are kept, never
    /// the file (a national file is gigabytes). Throws `ReadError` when it cannot be read.
    public static func read(path: String, blockSize: Int = 4 << 20) throws -> [MonitoringRecord] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReadError(path: path, reason: "cannot open the file") }
        defer { try? handle.close() }
        var records: [MonitoringRecord] = []
        var seen: Set<ExactText> = []
        var pending: [UInt8] = []
        var first = true
        func take(_ line: ArraySlice<UInt8>) {
            // A byte order mark counts only at the start of the file, as `TextLine.lines` reads it:
            // anywhere else the line is not JSON, and `read(bytes:)` of it alone would drop the mark.
            if !first && line.starts(with: [0xEF, 0xBB, 0xBF]) { return }
            first = false
            for record in read(bytes: Array(line)) where seen.insert(ExactText(record.id)).inserted {
                records.append(record)
            }
        }
        while true {
            let block: Data
            do { block = try handle.read(upToCount: blockSize) ?? Data() } catch {
                throw ReadError(path: path, reason: "\(error)")
            }
            if block.isEmpty { break }
            pending += block
            var start = pending.startIndex
            while let end = pending[start...].firstIndex(of: 0x0A) {
                take(pending[start..<end])
                start = end + 1
            }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty { take(pending[...]) }
        return records
    }
}
