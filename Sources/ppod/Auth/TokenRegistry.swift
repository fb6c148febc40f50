/// The tokens in force, re-read when the token file changes so that a revoked token stops working
/// without a restart.
///
/// Revocation fails closed (docs/ppod.md, "Tokens, roles and areas"): a file that is gone or cannot
/// be read leaves no token valid; a file with bad lines keeps only the tokens in force whose line is
/// still there, unchanged and good, so a line removed in the same edit is revoked all the same, and
/// new or changed lines wait until the file is clean.
final class TokenRegistry: Sendable {
    let path: String
    private let entries: Locked<[TokenEntry]>

    /// Reads the file; throws `FILE:LINE: reason` when it cannot be used or grants no token.
    init(path: String) throws {
        self.path = path
        let entries = try TokenFile.read(path: path)
        if entries.isEmpty { throw TokenFileError(description: "\(path): the token file grants no tokens") }
        self.entries = Locked(entries)
    }

    /// The caller a presented token belongs to.
    func caller(for token: String) -> Caller? {
        // Every entry is tried, so the time taken does not say which names exist.
        var found: Caller?
        for entry in entries.get() where entry.matches(token) { found = found ?? entry.caller }
        return found
    }

    /// What a reload did, for the log: a problem is logged as an error.
    struct Reload: Sendable, Equatable {
        /// The tokens in force after the reload.
        var tokens: Int
        /// Tokens revoked because the file is bad (missing, unreadable, or their line is gone or bad).
        var revoked: Int = 0
        /// Why the file was not taken as it is: `FILE:LINE: reason` per bad line, or why it cannot be read.
        var problems: [String] = []
        /// False when the file is gone or cannot be read: every token is revoked.
        var readable = true
    }

    /// Reads the file again. A clean file replaces the tokens; otherwise see the type's comment.
    @discardableResult
    func reload() -> Reload {
        let contents: TokenFileContents
        do {
            contents = try TokenFile.scan(path: path)
        } catch {
            let revoked = entries.update { entries in
                defer { entries = [] }
                return entries.count
            }
            return Reload(tokens: 0, revoked: revoked, problems: [String(describing: error)], readable: false)
        }
        return entries.update { entries in
            if contents.problems.isEmpty {
                entries = contents.entries
                return Reload(tokens: entries.count)
            }
            let kept = entries.filter { contents.entries.contains($0) }
            let revoked = entries.count - kept.count
            entries = kept
            return Reload(tokens: kept.count, revoked: revoked, problems: contents.problems)
        }
    }
}
