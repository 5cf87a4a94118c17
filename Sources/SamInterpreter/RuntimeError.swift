import SamLanguage

/// An error that happened while a `.sam` program ran: a message, where it happened, a hint, and the
/// chain of `.sam` calls that led there.
///
/// Builtins and value conversions throw it without a location (`RuntimeError("...")`); the interpreter
/// fills in the location of the call, argument or expression at fault and the call trace as the
/// error unwinds. Any other `Error` a builtin throws (``TensorError``, dataset errors, ...) is wrapped
/// into a `RuntimeError` at the call site, so a native failure is always a `.sam` diagnostic.
public struct RuntimeError: Error, CustomStringConvertible {
    /// What kind of failure it is; decides the exit code of `samlab run`.
    public enum Category: Sendable {
        /// A failure of the program (exit 70).
        case runtime
        /// A missing, unreadable or corrupt file (exit 74); see ``IOProblem``.
        case io
        /// A wrong command-line argument discovered while running, e.g. a `--set` value outside a
        /// parameter's allowed list (exit 64).
        case usage
    }

    /// A place in a `.sam` file.
    public struct Location {
        /// The file.
        public var file: SourceFile
        /// The range in it.
        public var range: SourceRange

        /// Creates a location.
        public init(file: SourceFile, range: SourceRange) {
            self.file = file
            self.range = range
        }
    }

    /// One call on the way to the error: the call site, and the name of the function called there.
    public struct Frame {
        /// The called function's name.
        public var function: String
        /// Where it was called.
        public var callSite: Location
    }

    /// The one-line message (lower case start, no trailing period).
    public var message: String
    /// An optional one-line hint.
    public var hint: String?
    /// The kind of failure.
    public var category: Category
    /// Where it happened; `nil` until the interpreter locates it.
    public var location: Location?
    /// The `.sam` calls that were active, innermost first.
    public var trace: [Frame] = []

    /// Creates an error to be located by the interpreter.
    public init(_ message: String, hint: String? = nil, category: Category = .runtime, location: Location? = nil) {
        self.message = message
        self.hint = hint
        self.category = category
        self.location = location
    }

    /// Wraps any error: a `RuntimeError` is returned as it is, an ``IOProblem`` becomes an I/O error,
    /// anything else a runtime error whose message is the error's description.
    public init(wrapping error: Error) {
        if let runtime = error as? RuntimeError {
            self = runtime
        } else {
            self.init(String(describing: error), category: (error as? IOProblem)?.isIOProblem == true ? .io : .runtime)
        }
    }

    /// At most this many "called from" notes are rendered; a longer trace keeps its innermost and
    /// outermost halves.
    public static let maxRenderedFrames = 20

    /// The error as a diagnostic, or `nil` if it has no location. The trace becomes "called from"
    /// notes, innermost first; a run of identical frames (plain recursion) is one note with a count.
    public var diagnostic: Diagnostic? {
        guard let location else { return nil }
        var runs: [(frame: Frame, count: Int)] = []
        for frame in trace {
            if let last = runs.last, last.frame.function == frame.function, last.frame.callSite.file === frame.callSite.file,
               last.frame.callSite.range == frame.callSite.range {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((frame, 1))
            }
        }
        var notes = runs.map { run in
            Diagnostic.note("in '\(run.frame.function)', called from here" + (run.count > 1 ? " (\(run.count) times)" : ""),
                            file: run.frame.callSite.file, range: run.frame.callSite.range)
        }
        if notes.count > RuntimeError.maxRenderedFrames {
            let half = RuntimeError.maxRenderedFrames / 2
            let omitted = notes.count - 2 * half
            notes[half - 1].message += " (\(omitted) more calls omitted)"
            notes = Array(notes.prefix(half) + notes.suffix(half))
        }
        return Diagnostic(.error, .runtime, message, file: location.file, range: location.range, hint: hint, notes: notes)
    }

    /// The rendered error: a diagnostic when located, otherwise `error: message` and the hint.
    public var description: String {
        if let diagnostic { return DiagnosticRenderer().render(diagnostic) }
        return "error: \(message)" + (hint.map { "\nhint: \($0)" } ?? "")
    }
}

/// Marks an error as an I/O problem — a missing, unreadable or corrupt file — so that `samlab run`
/// exits with 74 instead of 70. Conform an error type to it: `extension DatasetError: IOProblem {}`; a type
/// whose errors are only sometimes about files says which through ``isIOProblem``.
public protocol IOProblem: Error {
    /// Whether this error is about a file (default: always).
    var isIOProblem: Bool { get }
}

extension IOProblem {
    public var isIOProblem: Bool { true }
}
