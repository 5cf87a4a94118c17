/// The whole front end in one call: lex, parse and — when the parse is clean — check.
///
/// The interpreter and the CLI (`samlab check`, `samlab run`) use ``analyze(_:checker:)``; the REPL uses
/// ``analyzeReplEntry(_:checker:scope:)`` and reads another line while the result ``Analysis/isIncomplete``.
public enum Frontend {
    /// The result of analysing a file or REPL entry.
    public struct Analysis<Node: Sendable>: Sendable {
        /// The syntax tree (partial if there were syntax errors).
        public var node: Node
        /// Lexical, syntax and (for a clean parse) static diagnostics, each group in source order.
        public var diagnostics: [Diagnostic]
        /// Whether the input stopped too early (see ``Parser/Result/isIncomplete``).
        public var isIncomplete: Bool

        /// Whether there is an error, so the code must not run.
        public var hasErrors: Bool { diagnostics.containsErrors }
    }

    /// Parses a file and, if it has no syntax errors, checks it.
    public static func analyze(_ file: SourceFile, checker: Checker) -> Analysis<Program> {
        let parsed = Parser.parseProgram(file)
        guard !parsed.diagnostics.containsErrors else {
            return Analysis(node: parsed.node, diagnostics: parsed.diagnostics, isIncomplete: parsed.isIncomplete)
        }
        return Analysis(node: parsed.node, diagnostics: parsed.diagnostics + checker.check(parsed.node), isIncomplete: false)
    }

    /// Parses a REPL entry and, if it has no syntax errors, checks it in the session's scope.
    public static func analyzeReplEntry(_ file: SourceFile, checker: Checker, scope: ReplScope) -> Analysis<ReplEntry> {
        let parsed = Parser.parseReplEntry(file)
        guard !parsed.diagnostics.containsErrors else {
            return Analysis(node: parsed.node, diagnostics: parsed.diagnostics, isIncomplete: parsed.isIncomplete)
        }
        return Analysis(node: parsed.node, diagnostics: parsed.diagnostics + checker.check(parsed.node, in: scope),
                        isIncomplete: false)
    }
}
