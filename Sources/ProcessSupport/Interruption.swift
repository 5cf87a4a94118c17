import Foundation

/// A process-wide "stop what you are doing" flag raised by Ctrl-C (SIGINT) while a long operation runs.
/// The training loop checks it between steps and ends the run as `interrupted`, keeping its metrics.
public enum Interruption {
    nonisolated(unsafe) private static var raised: sig_atomic_t = 0

    /// Whether an interrupt arrived since the last ``reset()``.
    public static var isRequested: Bool { raised != 0 }

    /// Clears the flag.
    public static func reset() { raised = 0 }

    /// Raises the flag (what the SIGINT handler does).
    public static func request() { raised = 1 }

    /// Throws ``Interrupted`` if an interrupt arrived: called between Hessian-vector products so that
    /// Ctrl-C also stops a long spectrum computation.
    public static func check() throws {
        if isRequested { throw Interrupted() }
    }

    /// The error ``check()`` throws.
    public struct Interrupted: Error, CustomStringConvertible {
        public var description: String { "interrupted" }
    }

    /// Routes SIGINT to the flag for the duration of `body` (then restores the handler that was there
    /// before), so Ctrl-C stops a run cleanly instead of killing the process. Calls nest: a REPL that
    /// catches Ctrl-C itself keeps its handler after a `train` inside an entry has caught its own.
    public static func catchingInterrupts<R>(_ body: () throws -> R) rethrows -> R {
        reset()
        let previous = signal(SIGINT) { _ in Interruption.request() }
        defer { signal(SIGINT, previous) }
        return try body()
    }
}
