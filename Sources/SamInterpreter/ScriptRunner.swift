import ProcessSupport
import Foundation
import SamLanguage

/// The exit statuses of `samlab run` and `samlab check` (BSD sysexits).
public enum ExitStatus: Int32 {
    /// Success.
    case success = 0
    /// A wrong command line: unknown `--set` parameter, malformed option value, a `--set` value outside
    /// the parameter's allowed list (EX_USAGE).
    case usage = 64
    /// The script has syntax or static errors (EX_DATAERR).
    case scriptError = 65
    /// The script failed while running (EX_SOFTWARE).
    case runtimeError = 70
    /// A file could not be read or was corrupt (EX_IOERR).
    case ioError = 74

    /// The status for a runtime error's category.
    init(_ category: RuntimeError.Category) {
        switch category {
        case .runtime: self = .runtimeError
        case .io: self = .ioError
        case .usage: self = .usage
        }
    }
}

/// The inputs of `samlab run` (and, for the parts that apply, `samlab check`).
public struct RunOptions {
    /// The results directory; `nil` for `results/<script name without .sam>`.
    public var outputDirectory: String?
    /// The base seed.
    public var seed: UInt64
    /// `--set` arguments as typed, `NAME=VALUE` each; a later one for the same name wins.
    public var overrides: [String]
    /// Suppress progress output.
    public var quiet: Bool
    /// The part of a sweep to run.
    public var shard: Shard?
    /// Replace existing results instead of resuming.
    public var overwrite: Bool
    /// The step limit (``Interpreter/Options/maxSteps``); scripts run on a large stack, so the default
    /// call depth is always available.
    public var maxSteps: Int?

    /// Creates options; the defaults are those of `samlab run FILE`.
    public init(outputDirectory: String? = nil, seed: UInt64 = 0, overrides: [String] = [], quiet: Bool = false,
                shard: Shard? = nil, overwrite: Bool = false, maxSteps: Int? = nil) {
        self.outputDirectory = outputDirectory
        self.seed = seed
        self.overrides = overrides
        self.quiet = quiet
        self.shard = shard
        self.overwrite = overwrite
        self.maxSteps = maxSteps
    }
}

/// What `samlab run` and `samlab check` do, as library functions returning the exit status, so tests
/// run scripts without spawning processes. Program output goes to `stdout`; diagnostics (and
/// warnings) to `stderr`.
public enum ScriptRunner {
    /// Checks and runs a script.
    public static func run(path: String, options: RunOptions, registry: BuiltinRegistry = .standard(),
                           stdout: TextSink, stderr: TextSink) -> Int32 {
        let overrides: [String: String]
        switch parseOverrides(options.overrides) {
        case .success(let parsed): overrides = parsed
        case .failure(let error): return usage(error.message, stderr, hint: error.hint)
        }
        let context = InterpreterContext(
            output: stdout, seed: options.seed, outputDirectory: options.outputDirectory ?? defaultOutputDirectory(for: path),
            quiet: options.quiet, shard: options.shard, overwrite: options.overwrite, scriptPath: path)
        let interpreter = Interpreter(registry: registry, context: context,
                                      options: Interpreter.Options(maxSteps: options.maxSteps,
                                                                   parameterOverrides: overrides))
        let program: Program
        switch analyze(path: path, overrides: overrides, loader: interpreter.modules, stderr: stderr) {
        case .success(let analyzed): program = analyzed
        case .failure(let status): return status.rawValue
        }
        return Interpreter.runOnLargeStack {
            Interruption.catchingInterrupts {
                do {
                    try interpreter.run(program, path: path)
                    return ExitStatus.success.rawValue
                } catch let error as ScriptDiagnostics {
                    report(error.diagnostics, stderr)
                    return ExitStatus.scriptError.rawValue
                } catch {
                    let runtime = RuntimeError(wrapping: error)
                    stderr.write(runtime.description + "\n")
                    return ExitStatus(runtime.category).rawValue
                }
            }
        }
    }

    /// Parses and checks a script (and the files it imports) without running it; validates `--set`
    /// names against the script's parameters.
    public static func check(path: String, overrides: [String] = [], registry: BuiltinRegistry = .standard(),
                             stdout: TextSink, stderr: TextSink) -> Int32 {
        let parsed: [String: String]
        switch parseOverrides(overrides) {
        case .success(let values): parsed = values
        case .failure(let error): return usage(error.message, stderr, hint: error.hint)
        }
        switch analyze(path: path, overrides: parsed, loader: ModuleLoader(catalog: registry.catalog), stderr: stderr) {
        case .success:
            stdout.write("\(path): no errors\n")
            return ExitStatus.success.rawValue
        case .failure(let status):
            return status.rawValue
        }
    }

    /// `results/<file name without extension>`.
    public static func defaultOutputDirectory(for path: String) -> String {
        "results/" + ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    // MARK: - Steps

    private struct Failure: Error {
        var status: ExitStatus
        var rawValue: Int32 { status.rawValue }
    }

    private struct UsageError: Error {
        var message: String
        var hint: String?
    }

    /// Reads, parses and checks the script and its imports, reporting diagnostics; then checks that
    /// every `--set` name is a declared parameter.
    private static func analyze(path: String, overrides: [String: String], loader: ModuleLoader,
                                stderr: TextSink) -> Result<Program, Failure> {
        let main: Frontend.Analysis<Program>
        let diagnostics: [Diagnostic]
        do {
            (main, diagnostics) = try loader.analyzeWithImports(path: ModuleLoader.canonical(path), displayName: path)
        } catch {
            stderr.write("error: \(error)\n")
            return .failure(Failure(status: .ioError))
        }
        report(diagnostics, stderr)
        if diagnostics.containsErrors { return .failure(Failure(status: .scriptError)) }
        let declared = main.node.parameters.map(\.name.name)
        for name in overrides.keys.sorted() where !declared.contains(name) {
            let suggestion = EditDistance.closest(to: name, among: declared)
            let hint = suggestion.map { "did you mean '\($0)'?" }
                ?? (declared.isEmpty ? "the script declares no parameters" : "declared parameters: \(declared.joined(separator: ", "))")
            _ = usage("--set \(name): \(path) declares no parameter '\(name)'", stderr, hint: hint)
            return .failure(Failure(status: .usage))
        }
        return .success(main.node)
    }

    /// `NAME=VALUE` arguments by name.
    private static func parseOverrides(_ arguments: [String]) -> Result<[String: String], UsageError> {
        var overrides: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                return .failure(UsageError(message: "--set expects NAME=VALUE, got '\(argument)'", hint: "e.g. --set eta=0.1"))
            }
            overrides[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
        }
        return .success(overrides)
    }

    private static func usage(_ message: String, _ stderr: TextSink, hint: String? = nil) -> Int32 {
        stderr.write("error: \(message)\n" + (hint.map { "hint: \($0)\n" } ?? ""))
        return ExitStatus.usage.rawValue
    }

    private static func report(_ diagnostics: [Diagnostic], _ stderr: TextSink) {
        for diagnostic in diagnostics { stderr.write(DiagnosticRenderer().render(diagnostic) + "\n") }
    }
}
