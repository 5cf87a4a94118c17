import ProcessSupport
import Foundation
import SamInterpreter
import SamLanguage

/// The inputs of a REPL session that builtins see.
public struct ReplOptions: Sendable {
    /// Where sweeps write their results.
    public var outputDirectory: String
    /// The base seed.
    public var seed: UInt64
    /// Suppress progress output (training, sweeps).
    public var quiet: Bool

    /// Creates options; the defaults are those of `samlab repl`.
    public init(outputDirectory: String = "results/repl", seed: UInt64 = 0, quiet: Bool = false) {
        self.outputDirectory = outputDirectory
        self.seed = seed
        self.quiet = quiet
    }
}

/// A REPL session: reads entries from a ``LineReader`` and runs them in one persistent interpreter.
///
/// As in Lua's REPL, an entry is read line by line while the parser reports that the input ended too
/// early (``Frontend/Analysis/isIncomplete``), showing the continuation prompt; the whole entry is one
/// history item. An expression entry echoes its value; definitions persist across entries; an error
/// prints its diagnostic (the entry's file is `<repl:N>`) and the session goes on. Lines starting with
/// `:` are ``MetaCommand``s.
///
/// Ctrl-C while an entry runs stops training, sweeps and loops (see ``Interruption``) and returns to the
/// prompt: a `train` interrupted returns its run as `interrupted`, and bindings made before stay.
public final class ReplSession {
    /// The prompt of an entry's first line.
    public static let prompt = "sam> "
    /// The prompt of an entry's further lines.
    public static let continuationPrompt = "...> "

    /// The builtins.
    public let registry: BuiltinRegistry
    /// The session's inputs.
    public let options: ReplOptions
    /// The interpreter holding the session's names (replaced by `:reset`).
    private(set) var interpreter: Interpreter
    let checker: Checker
    let output: TextSink
    let errors: TextSink
    private(set) var scope = ReplScope()
    private var entryCount = 0

    /// Creates a session writing program output and echoed values to `output`, diagnostics to `errors`.
    public init(options: ReplOptions = ReplOptions(), registry: BuiltinRegistry = .standard(), output: TextSink, errors: TextSink) {
        self.options = options
        self.registry = registry
        self.output = output
        self.errors = errors
        self.checker = Checker(catalog: registry.catalog)
        self.interpreter = ReplSession.makeInterpreter(registry: registry, options: options, output: output)
    }

    /// Reads and runs entries until the input ends or `:quit`.
    public func run(reader: LineReader) {
        while true {
            let first: String
            switch reader.readLine(prompt: ReplSession.prompt) {
            case .endOfInput: return
            case .interrupted: continue
            case .line(let line): first = line
            }
            if first.allSatisfy(\.isWhitespace) { continue }
            guard MetaCommand.isCommand(first) else {
                switch readEntry(code: first, typed: first, reader: reader) {
                case .entry(let entry): evaluate(entry)
                case .skipped: break
                case .endOfInput: return
                }
                continue
            }
            switch MetaCommand.parse(first) {
            case .failure(let error):
                reader.recordHistory(first)
                errors.write(error.description + "\n")
            case .success(.quit):
                reader.recordHistory(first)
                return
            case .success(.time(let code)):
                switch readEntry(code: code, typed: first, reader: reader) {
                case .entry(let entry): time(entry)
                case .skipped: break
                case .endOfInput: return
                }
            case .success(let command):
                reader.recordHistory(first)
                perform(command)
            }
        }
    }

    // MARK: - Reading entries

    /// What reading an entry produced.
    private enum EntryRead {
        /// A complete entry without errors, to run.
        case entry(ReplEntry)
        /// Nothing to run: Ctrl-C cancelled the entry, or it has errors (already reported).
        case skipped
        /// The input ended before the entry was complete (reported).
        case endOfInput
    }

    /// Reads continuation lines until the entry whose code starts with `code` is complete; `typed` is the
    /// first line as typed (`:time` and the code), which the history item starts with.
    private func readEntry(code: String, typed: String, reader: LineReader) -> EntryRead {
        var lines = [code]
        entryCount += 1
        while true {
            let analysis = analyze(lines.joined(separator: "\n"))
            if !analysis.isIncomplete {
                reader.recordHistory(([typed] + lines.dropFirst()).joined(separator: "\n"))
                return report(analysis).map(EntryRead.entry) ?? .skipped
            }
            switch reader.readLine(prompt: ReplSession.continuationPrompt) {
            case .line(let line):
                lines.append(line)
            case .interrupted:
                return .skipped
            case .endOfInput:
                _ = report(analysis)
                return .endOfInput
            }
        }
    }

    private func analyze(_ text: String) -> Frontend.Analysis<ReplEntry> {
        Frontend.analyzeReplEntry(SourceFile(name: "<repl:\(entryCount)>", text: text),
                                  checker: checker, scope: scope)
    }

    /// Prints the analysis's diagnostics; returns the entry if it may run.
    private func report(_ analysis: Frontend.Analysis<ReplEntry>) -> ReplEntry? {
        report(analysis.diagnostics)
        return analysis.hasErrors ? nil : analysis.node
    }

    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { errors.write(DiagnosticRenderer().render(diagnostic) + "\n") }
    }

    // MARK: - Running

    private func evaluate(_ entry: ReplEntry) {
        if case let value?? = execute({ try $0.run(entry) }) {
            output.write(ValueFormatter.repr(value) + "\n")
        }
    }

    private func time(_ entry: ReplEntry) {
        let start = DispatchTime.now().uptimeNanoseconds
        evaluate(entry)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        output.write("time: " + ReplSession.duration(seconds) + "\n")
    }

    /// Runs `body` with the interpreter on a large stack with Ctrl-C routed to ``Interruption``; reports
    /// a failure and returns `nil`. Afterwards the checker's scope is the interpreter's globals, which
    /// are the truth even when the entry failed half-way.
    func execute<T>(_ body: @escaping (Interpreter) throws -> T) -> T? {
        let interpreter = self.interpreter
        let outcome = Interpreter.runOnLargeStack {
            Interruption.catchingInterrupts { Result { try body(interpreter) } }
        }
        scope = ReplScope(names: interpreter.globalNames)
        switch outcome {
        case .success(let value):
            return value
        case .failure(let error as ScriptDiagnostics):
            report(error.diagnostics)
        case .failure(let error):
            // After Ctrl-C the terminal has echoed `^C` without a line break.
            if Interruption.isRequested { errors.write("\n") }
            errors.write(RuntimeError(wrapping: error).description + "\n")
        }
        return nil
    }

    /// A fresh interpreter (`:reset`).
    func resetInterpreter() {
        interpreter = ReplSession.makeInterpreter(registry: registry, options: options, output: output)
        scope = ReplScope()
    }

    private static func makeInterpreter(registry: BuiltinRegistry, options: ReplOptions, output: TextSink) -> Interpreter {
        let context = InterpreterContext(output: output, seed: options.seed, outputDirectory: options.outputDirectory, quiet: options.quiet)
        return Interpreter(registry: registry, context: context)
    }

    /// A wall time for people: `850 µs`, `12.3 ms`, `4.56 s`, `2 min 5.0 s`.
    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<1e-3: return String(format: "%.0f µs", seconds * 1e6)
        case ..<1: return String(format: "%.3g ms", seconds * 1e3)
        case ..<60: return String(format: "%.3g s", seconds)
        default: return String(format: "%.0f min %.1f s", (seconds / 60).rounded(.down), seconds.truncatingRemainder(dividingBy: 60))
        }
    }
}
