import ProcessSupport
import Foundation
import SamLanguage

/// The tree-walking evaluator of `.sam` programs and REPL entries.
///
/// One interpreter holds one global scope, so a REPL session keeps its bindings across entries and a
/// script's imports run into the same globals. Statements run top to bottom; expressions evaluate left
/// to right. Every failure is a ``RuntimeError`` located in the source (with a trace of the `.sam`
/// calls that led to it) — never a crash: integer overflow, division by zero, bad indices, deep
/// recursion and errors thrown by native builtins all surface as diagnostics.
///
/// The interpreter is not thread-safe: use it from one thread at a time.
public final class Interpreter {
    /// Limits and inputs of a run.
    public struct Options {
        /// The deepest nesting of `.sam` function calls; deeper recursion is the error "recursion too
        /// deep". Independently, a call that would leave less than a safety reserve of the thread's stack
        /// is the same error, so a small stack (or a debug build's large frames) ends recursion earlier
        /// instead of crashing; ``Interpreter/runOnLargeStack(_:)`` gives room for the full depth.
        public var maxCallDepth: Int
        /// The most statements and loop iterations a run may execute, or `nil` for no limit (for fuzzing
        /// and tests: a `while true {}` then ends with an error instead of running forever).
        public var maxSteps: Int?
        /// `--set name=value` overrides of script parameters, as typed on the command line.
        public var parameterOverrides: [String: String]

        /// Creates options.
        public init(maxCallDepth: Int = 1000, maxSteps: Int? = nil, parameterOverrides: [String: String] = [:]) {
            self.maxCallDepth = maxCallDepth
            self.maxSteps = maxSteps
            self.parameterOverrides = parameterOverrides
        }
    }

    /// The builtins, constants, probes and sweep runner.
    public let registry: BuiltinRegistry
    /// What builtins see of the invocation.
    public let context: InterpreterContext
    /// Limits and inputs.
    public let options: Options

    let globals = Environment(parent: nil)
    let modules: ModuleLoader
    /// The file whose code is running (for error locations).
    var currentFile: SourceFile
    var callDepth = 0
    var stackGuard = StackGuard()
    var steps = 0
    /// The canonical paths of the files being imported, outermost first (for cycle detection).
    var importStack: [String] = []
    /// Files already imported (each runs once).
    var importedPaths: Set<String> = []

    /// Creates an interpreter with an empty global scope.
    public init(registry: BuiltinRegistry = .standard(), context: InterpreterContext, options: Options = Options()) {
        self.registry = registry
        self.context = context
        self.options = options
        self.modules = ModuleLoader(catalog: registry.catalog)
        self.currentFile = SourceFile(name: "<none>", text: "")
    }

    /// Runs a checked program in the global scope. `path` is its file on disk (imports are resolved
    /// relative to it); without one, relative to the current directory.
    ///
    /// Throws ``RuntimeError``, or ``ScriptDiagnostics`` when an imported file has static errors.
    public func run(_ program: Program, path: String? = nil) throws {
        let canonical = path.map(ModuleLoader.canonical)
        if let canonical {
            modules.register(program.file, path: canonical)
            importStack.append(canonical)
            importedPaths.insert(canonical)
        }
        defer { if canonical != nil { importStack.removeLast() } }
        try withFile(program.file) { _ = try execute(program.statements, in: globals) }
    }

    /// Runs a checked REPL entry in the global scope and returns the value to echo: the value of an
    /// expression entry unless it is `none`, otherwise `nil`.
    public func run(_ entry: ReplEntry) throws -> Value? {
        try withFile(entry.file) {
            if let expression = entry.echoedExpression {
                try tick(entry.statements[0].range)
                let value = try evaluate(expression, in: globals)
                if case .none = value { return nil }
                return value
            }
            _ = try execute(entry.statements, in: globals)
            return nil
        }
    }

    /// The names bound in the global scope (for the REPL's scope and completion).
    public var globalNames: [String] { globals.localNames.sorted() }

    /// The value of a global binding.
    public func global(_ name: String) -> Value? { globals.lookup(name) }

    /// Calls a function value from native code (positional, then named arguments).
    public func call(_ function: Function, _ arguments: [Value] = [], named: [(String, Value)] = []) throws -> Value {
        try invoke(function, arguments.map { ArgumentValue(label: nil, value: $0, range: nil) }
                   + named.map { ArgumentValue(label: $0.0, value: $0.1, range: nil) }, callSite: nil)
    }

    /// Runs `body` on a thread with a 1 GiB stack and waits for it, so that deep `.sam` recursion (a
    /// large ``Options/maxCallDepth``) cannot overflow the stack.
    public static func runOnLargeStack<T>(_ body: @escaping () -> T) -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.value = body()
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
        return outcome.value!
    }

    // MARK: - Running state

    func withFile<T>(_ file: SourceFile, _ body: () throws -> T) rethrows -> T {
        let saved = currentFile
        currentFile = file
        defer { currentFile = saved }
        return try body()
    }

    /// Counts a step against ``Options/maxSteps`` and honours Ctrl-C.
    func tick(_ range: SourceRange) throws {
        steps += 1
        if let limit = options.maxSteps, steps > limit {
            throw fail("the program ran more than \(limit) steps", at: range, hint: "the step limit guards against endless loops")
        }
        if Interruption.isRequested { throw fail("interrupted", at: range) }
    }

    // MARK: - Errors

    /// An error at `range` of the running file.
    func fail(_ message: String, at range: SourceRange, hint: String? = nil) -> RuntimeError {
        RuntimeError(message, hint: hint, location: here(range))
    }

    /// A location in the running file.
    func here(_ range: SourceRange) -> RuntimeError.Location {
        RuntimeError.Location(file: currentFile, range: range)
    }

    /// Runs `body`, giving any error without a location the location `range` of the running file.
    func located<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            var wrapped = RuntimeError(wrapping: error)
            if wrapped.location == nil { wrapped.location = here(range) }
            throw wrapped
        }
    }

    func unknownName(_ name: String, at range: SourceRange, in scope: Environment) -> RuntimeError {
        let candidates = scope.visibleNames.union(registry.functions.keys).union(registry.constants.keys)
        return fail("unknown name '\(name)'", at: range, hint: EditDistance.closest(to: name, among: candidates).map { "did you mean '\($0)'?" })
    }
}

/// The result slot of ``Interpreter/runOnLargeStack(_:)``, written by the worker thread before it
/// signals and read by the waiting thread after.
private final class Outcome<T>: @unchecked Sendable {
    var value: T?
}

/// Static errors (syntax or checks) found in a file the program imports while it runs; `samlab run`
/// reports them like those of the main file (exit 65).
public struct ScriptDiagnostics: Error {
    /// The diagnostics, errors first.
    public var diagnostics: [Diagnostic]
}
