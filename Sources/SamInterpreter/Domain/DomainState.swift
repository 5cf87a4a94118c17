import Foundation
import Experiments

/// What the domain builtins remember during one script or REPL session: the runs and sweep results so
/// far (for `plot` without an explicit subject) and how many single runs were written.
final class DomainState {
    private nonisolated(unsafe) static var states: [ObjectIdentifier: DomainState] = [:]
    private static let lock = NSLock()

    /// Runs trained outside sweeps, in order.
    var runs: [RunValue] = []
    /// The cells of the most recent sweep (records with axis values, and metrics) for its figures.
    var lastSweep: [ResultsFigures.Entry] = []
    var singleRunCount = 0

    /// The state of a context (created on first use).
    static func of(_ context: InterpreterContext) -> DomainState {
        lock.lock(); defer { lock.unlock() }
        if let s = states[ObjectIdentifier(context)] { return s }
        let s = DomainState()
        states[ObjectIdentifier(context)] = s
        return s
    }
}
