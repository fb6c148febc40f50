import Foundation

/// How long a test waits for the daemon to notice an edit or finish a run. Generous: when the whole
/// suite runs on two cores, a daemon can wait seconds for a turn, and a wait ends as soon as the
/// state is reached.
enum Patience {
    static let seconds: TimeInterval = 60
}
