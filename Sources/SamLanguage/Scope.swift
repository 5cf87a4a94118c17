/// The names the REPL has defined so far: the persistent scope a ``ReplEntry`` is checked in.
///
/// The REPL keeps one `ReplScope` for the session. After an entry has run, it records the names the
/// entry declared (``declareNames(of:)``) — or, equivalently, rebuilds the scope from the interpreter's
/// global environment, which is the source of truth when an entry failed half-way.
public struct ReplScope: Sendable {
    /// The names defined by earlier entries.
    public private(set) var names: Set<String>

    /// Creates a scope holding `names`.
    public init<S: Sequence>(names: S) where S.Element == String {
        self.names = Set(names)
    }

    /// Creates an empty scope.
    public init() {
        self.names = []
    }

    /// Records one name.
    public mutating func declare(_ name: String) {
        names.insert(name)
    }

    /// Records the top-level names an entry declares (see ``Checker/declaredNames(in:)``).
    public mutating func declareNames(of entry: ReplEntry) {
        names.formUnion(Checker.declaredNames(in: entry.statements))
    }
}

/// One lexical scope during checking: a file, a block, a function body, a sweep cell.
final class CheckerFrame {
    /// Names bound so far.
    var defined: Set<String> = []
    /// Names some statement of this scope declares, with the first declaring statement's range; used
    /// to tell "used before its definition" from "unknown", and to let function bodies (which run
    /// later) refer to names their enclosing scopes define further down.
    let declared: [String: SourceRange]
    /// Whether this is a function body (names in outer scopes are then looked up as "defined later").
    let isFunction: Bool

    init(declaring statements: [Stmt], isFunction: Bool) {
        var declared: [String: SourceRange] = [:]
        for statement in statements {
            switch statement.kind {
            case .let(let name, _), .assign(let name, operator: nil, _), .function(let name, _):
                if declared[name.name] == nil { declared[name.name] = name.range }
            case .param(let declaration):
                if declared[declaration.name.name] == nil { declared[declaration.name.name] = declaration.name.range }
            default:
                break
            }
        }
        self.declared = declared
        self.isFunction = isFunction
    }
}
