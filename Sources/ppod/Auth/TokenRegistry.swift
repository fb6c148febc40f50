/// The tokens in force, re-read when the token file changes so that a revoked token stops working
/// without a restart.
final class TokenRegistry: Sendable {
    let path: String
    private let entries: Locked<[TokenEntry]>

    /// Reads the file; throws `FILE:LINE: reason` when it cannot be used.
    init(path: String) throws {
        self.path = path
        self.entries = Locked(try TokenFile.read(path: path))
    }

    /// The caller a presented token belongs to.
    func caller(for token: String) -> Caller? {
        // Every entry is tried, so the time taken does not say which names exist.
        var found: Caller?
        for entry in entries.get() where entry.matches(token) { found = found ?? entry.caller }
        return found
    }

    /// Reads the file again; on an error keeps the tokens in force and returns the reason.
    func reload() -> String? {
        do {
            let fresh = try TokenFile.read(path: path)
            entries.update { $0 = fresh }
            return nil
        } catch {
            return String(describing: error)
        }
    }
}
