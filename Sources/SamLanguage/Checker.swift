/// Static checks of a parsed program or REPL entry, before anything runs.
///
/// The checker reports: unknown names (with "did you mean"), names used before their definition,
/// named arguments a builtin does not declare, missing required arguments, too many positional
/// arguments, arguments given twice, positional arguments after named ones, duplicate sweep axes,
/// duplicate function parameters, duplicate script parameters, literals of the wrong kind for a builtin
/// parameter, `return` outside a function, `param`/`import` below the top level, assignment to a
/// builtin name, unknown probes, and unresolved imports.
///
/// It knows nothing about numerics: builtins come in as a ``BuiltinCatalog``.
///
/// Scoping rules it enforces (the interpreter implements the same): every block is a scope; `let`
/// binds in the current scope; a plain `name = value` assigns to the nearest visible binding and
/// otherwise binds in the current scope; code runs top to bottom, so a name must be bound before it is
/// used — except inside a function body, which runs later and may use names its enclosing scopes bind
/// further down (mutual recursion).
public struct Checker: Sendable {
    /// The signature the arguments of a `probe log(...)` schedule are checked against.
    public static let logScheduleSignature = BuiltinSignature(
        name: "log",
        parameters: [BuiltinParameter(name: "points", type: .int, doc: "how many log-spaced probe steps")],
        doc: "About `points` probe steps, spaced evenly in log(step) over the run (step 0 included).")

    /// What to check against.
    public var catalog: BuiltinCatalog
    /// Resolves an `import "path"` to the top-level names that file declares (see
    /// ``declaredNames(in:)``), or `nil` if the file cannot be found (an error). Without a resolver,
    /// imports are opaque: unknown names after an import are only warnings.
    public var importResolver: (@Sendable (String) -> [String]?)?

    /// Creates a checker.
    public init(catalog: BuiltinCatalog, importResolver: (@Sendable (String) -> [String]?)? = nil) {
        self.catalog = catalog
        self.importResolver = importResolver
    }

    /// Checks a file. Diagnostics come in source order.
    public func check(_ program: Program) -> [Diagnostic] {
        let pass = CheckPass(checker: self, file: program.file, persistent: [])
        pass.checkTopLevel(program.statements)
        return pass.sortedDiagnostics()
    }

    /// Checks a REPL entry in the persistent scope of the earlier entries.
    public func check(_ entry: ReplEntry, in scope: ReplScope) -> [Diagnostic] {
        let pass = CheckPass(checker: self, file: entry.file, persistent: scope.names)
        pass.checkTopLevel(entry.statements)
        return pass.sortedDiagnostics()
    }

    /// The names a statement list declares at its own level (`let`, `fn`, `param`, and the targets of
    /// plain assignments), in order of first appearance. For an import resolver and the REPL scope.
    public static func declaredNames(in statements: [Stmt]) -> [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for statement in statements {
            let name: String
            switch statement.kind {
            case .let(let identifier, _), .assign(let identifier, operator: nil, _), .function(let identifier, _):
                name = identifier.name
            case .param(let declaration):
                name = declaration.name.name
            default:
                continue
            }
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }
}

/// The state of one run of the checker over one file or entry.
final class CheckPass {
    let checker: Checker
    let catalog: BuiltinCatalog
    let file: SourceFile
    let persistent: Set<String>
    var frames: [CheckerFrame] = []
    var diagnostics: [Diagnostic] = []
    /// How many function bodies enclose the current point.
    var functionDepth = 0
    /// Names bound by resolved imports.
    var imported: Set<String> = []
    /// Whether an import could not be looked into (no resolver).
    var hasOpaqueImport = false
    /// Script parameters declared so far, for duplicate detection.
    var scriptParameters: [String: SourceRange] = [:]

    init(checker: Checker, file: SourceFile, persistent: Set<String>) {
        self.checker = checker
        self.catalog = checker.catalog
        self.file = file
        self.persistent = persistent
    }

    func sortedDiagnostics() -> [Diagnostic] {
        diagnostics.enumerated().sorted {
            ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
        }.map(\.element)
    }

    func report(_ kind: DiagnosticKind, _ message: String, at range: SourceRange, severity: Severity = .error,
                hint: String? = nil, suggestion: String? = nil, notes: [Diagnostic] = []) {
        diagnostics.append(Diagnostic(severity, kind, message, file: file, range: range,
                                      hint: hint ?? suggestion.map { "did you mean '\($0)'?" },
                                      suggestion: suggestion, notes: notes))
    }

    func note(_ message: String, at range: SourceRange) -> Diagnostic {
        Diagnostic.note(message, file: file, range: range)
    }

    // MARK: - Scopes

    func checkTopLevel(_ statements: [Stmt]) {
        frames = [CheckerFrame(declaring: statements, isFunction: false)]
        for statement in statements { check(statement) }
    }

    /// Checks `statements` in a new scope in which `bindings` are already bound.
    func withScope(_ statements: [Stmt], isFunction: Bool = false, bindings: [Identifier] = [],
                   body: () -> Void = {}) {
        let frame = CheckerFrame(declaring: statements, isFunction: isFunction)
        for binding in bindings { frame.defined.insert(binding.name) }
        frames.append(frame)
        body()
        for statement in statements { check(statement) }
        frames.removeLast()
    }

    func define(_ name: Identifier) {
        frames[frames.count - 1].defined.insert(name.name)
    }

    /// What a name refers to at the current point.
    enum Resolution {
        case binding
        case builtin(BuiltinSignature)
        case constant(GlobalConstant)
        case usedBeforeDefinition(SourceRange)
        case unknown
    }

    func resolve(_ name: String) -> Resolution {
        var crossedFunction = false
        var laterDefinition: SourceRange?
        for frame in frames.reversed() {
            if frame.defined.contains(name) { return .binding }
            if let declaration = frame.declared[name] {
                if crossedFunction { return .binding }
                if laterDefinition == nil { laterDefinition = declaration }
            }
            if frame.isFunction { crossedFunction = true }
        }
        if persistent.contains(name) || imported.contains(name) { return .binding }
        if let signature = catalog.functions[name] { return .builtin(signature) }
        if let constant = catalog.constants[name] { return .constant(constant) }
        if let laterDefinition { return .usedBeforeDefinition(laterDefinition) }
        return .unknown
    }

    /// Every name a "did you mean" may propose at the current point.
    func namesInScope() -> Set<String> {
        var names = persistent.union(imported)
        for frame in frames {
            names.formUnion(frame.defined)
            if frame.isFunction { names.formUnion(frame.declared.keys) }
        }
        names.formUnion(catalog.functions.keys)
        names.formUnion(catalog.constants.keys)
        return names
    }

    /// Reports a use of `name` that does not resolve to anything bound.
    func reportUnresolved(_ name: Identifier, _ resolution: Resolution) {
        switch resolution {
        case .usedBeforeDefinition(let definition):
            report(.useBeforeDefinition, "'\(name.name)' is used before its definition", at: name.range,
                   hint: "move the definition above this line",
                   notes: [note("'\(name.name)' is defined here", at: definition)])
        case .unknown:
            let suggestion = EditDistance.closest(to: name.name, among: namesInScope())
            if hasOpaqueImport {
                report(.unknownName, "unknown name '\(name.name)' (unless an imported file defines it)",
                       at: name.range, severity: .warning, suggestion: suggestion)
            } else {
                report(.unknownName, "unknown name '\(name.name)'", at: name.range, suggestion: suggestion)
            }
        default:
            break
        }
    }
}
