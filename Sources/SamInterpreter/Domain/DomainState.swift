import Foundation
import Experiments

/// What the domain builtins remember during one script or REPL session: the runs and sweep results so
/// far (for `plot` without an explicit subject) and how many single runs were written.
final class DomainState {
    /// Runs trained outside sweeps, in order.
    var runs: [RunValue] = []
    /// The cells of the most recent sweep (records with axis values, and metrics) for its figures.
    var lastSweep: [ResultsFigures.Entry] = []
    var singleRunCount = 0

    /// The state of a context (it lives and dies with the context).
    static func of(_ context: InterpreterContext) -> DomainState { context.domainState }
}
