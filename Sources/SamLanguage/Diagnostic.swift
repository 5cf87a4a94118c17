/// How serious a ``Diagnostic`` is.
public enum Severity: String, Sendable {
    /// The script cannot run.
    case error
    /// The script runs, but something looks wrong.
    case warning
    /// Extra information attached to another diagnostic (e.g. "first defined here").
    case note
}

/// The category of a ``Diagnostic``: tests, the REPL and tools switch on it instead of on message text.
public enum DiagnosticKind: String, Sendable {
    // Lexical.
    /// A character that cannot start any token.
    case unexpectedCharacter
    /// A string literal that runs to the end of the input (counts as unexpected end of input).
    case unterminatedString
    /// An unknown or malformed escape sequence in a string literal.
    case invalidEscape
    /// A malformed number literal (e.g. `1e`, or too large for an integer).
    case invalidNumber

    // Syntactic.
    /// The input ended where more was required: an open brace, bracket or parenthesis, a trailing
    /// binary operator, an unfinished statement. The REPL reads continuation lines on this kind.
    case unexpectedEndOfInput
    /// Any other syntax error.
    case syntax
    /// Brackets or expressions nested deeper than ``Parser/maxNestingDepth``.
    case nestingTooDeep

    // Static checks.
    /// A name that is defined nowhere.
    case unknownName
    /// A name used before the statement that defines it runs.
    case useBeforeDefinition
    /// A named argument (or `train` setting) the builtin does not declare.
    case unknownArgument
    /// A required builtin parameter that no argument supplies.
    case missingArgument
    /// More positional arguments than the builtin has parameters.
    case tooManyArguments
    /// The same parameter given twice.
    case duplicateArgument
    /// A positional argument after a named one.
    case positionalAfterNamed
    /// Two sweep axes with the same name.
    case duplicateSweepAxis
    /// Two parameters with the same name in one function.
    case duplicateParameter
    /// Two `param` declarations of the same name.
    case duplicateScriptParameter
    /// A literal whose kind cannot be what the builtin parameter expects.
    case typeMismatch
    /// `return` outside a function body.
    case returnOutsideFunction
    /// `param` or `import` below the top level.
    case misplacedDeclaration
    /// Assignment (without `let`) to a builtin or predefined name.
    case assignmentToBuiltin
    /// A probe name that the probe catalog does not know.
    case unknownProbe
    /// An `import` whose file the import resolver could not find.
    case unresolvedImport
}

/// A message about a range of source text: an error, a warning or a note.
///
/// Render it with ``DiagnosticRenderer``: `file.sam:LINE:COL: error: message`, the source line, a caret
/// run under the range, then `hint:` and attached notes.
public struct Diagnostic: Sendable, Error, CustomStringConvertible {
    /// How serious it is.
    public var severity: Severity
    /// Its category.
    public var kind: DiagnosticKind
    /// The one-line message, starting in lower case, without trailing period.
    public var message: String
    /// The file the range refers to.
    public var file: SourceFile
    /// The source range the caret run underlines.
    public var range: SourceRange
    /// An optional one-line hint (rendered as `hint: ...`), e.g. "did you mean 'optimizer'?".
    public var hint: String?
    /// The replacement a "did you mean" hint proposes, for tools that offer fix-its.
    public var suggestion: String?
    /// Attached notes, e.g. pointing at a previous definition.
    public var notes: [Diagnostic]

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ kind: DiagnosticKind, _ message: String, file: SourceFile, range: SourceRange,
        hint: String? = nil, suggestion: String? = nil, notes: [Diagnostic] = []
    ) {
        self.severity = severity
        self.kind = kind
        self.message = message
        self.file = file
        self.range = range
        self.hint = hint
        self.suggestion = suggestion
        self.notes = notes
    }

    /// Creates a note to attach to another diagnostic (only its message and range matter).
    public static func note(_ message: String, file: SourceFile, range: SourceRange) -> Diagnostic {
        Diagnostic(.note, .syntax, message, file: file, range: range)
    }

    /// Whether the input merely stopped too early (open bracket, trailing operator, unterminated string):
    /// the REPL then reads another line instead of reporting the error.
    public var isUnexpectedEndOfInput: Bool {
        kind == .unexpectedEndOfInput || kind == .unterminatedString
    }

    /// The resolved start of the range.
    public var location: SourceLocation { file.location(of: range.lowerBound) }

    /// The rendered text (see ``DiagnosticRenderer``).
    public var description: String { DiagnosticRenderer().render(self) }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
