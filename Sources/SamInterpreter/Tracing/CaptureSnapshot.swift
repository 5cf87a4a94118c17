import Foundation
import SamLanguage
import Tensors

/// The values a closure (and the closures it refers to) can read from its enclosing scopes, as they were
/// when it was traced. A trace bakes such values in as constants, so it stays valid only while every one
/// of them is unchanged: `lam = 1.0` after tracing `fn f(w) => lam * sum(w * w)` makes the next `grad(f, w)`
/// trace again instead of using the old `lam`.
///
/// The names are every name the function's body mentions (a superset of the ones it reads from outside:
/// a local that shadows an outer binding only causes an unneeded retrace when the outer one changes).
struct CaptureSnapshot {
    private var bindings: [(scope: Environment, name: String, value: Value?)] = []

    /// An empty snapshot (for builtins, which capture nothing).
    init() {}

    /// The bindings visible to `closure` (and, transitively, to the closures they hold).
    init(_ closure: Closure) {
        var visited: Set<ObjectIdentifier> = []
        record(closure, &visited)
    }

    private mutating func record(_ closure: Closure, _ visited: inout Set<ObjectIdentifier>) {
        guard visited.insert(ObjectIdentifier(closure)).inserted else { return }
        var names: Set<String> = []
        FunctionNames.collect(closure.literal, into: &names)
        for name in names.sorted() {
            let value = closure.environment.lookup(name)
            bindings.append((closure.environment, name, value))
            if case .function(.closure(let inner))? = value { record(inner, &visited) }
        }
    }

    /// Whether every recorded binding still holds the same value.
    var isCurrent: Bool {
        bindings.allSatisfy { Self.same($0.scope.lookup($0.name), $0.value) }
    }

    /// Identity of values for caching: numbers by bit pattern, tensors by shape, dtype and bytes.
    private static func same(_ a: Value?, _ b: Value?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.number(let x)?, .number(let y)?): return x.bitPattern == y.bitPattern
        case (.tensor(let x)?, .tensor(let y)?):
            guard x.shape == y.shape, x.dtype == y.dtype else { return false }
            if x.sharesStorage(with: y) { return true }
            return x.withBytes { p in y.withBytes { q in memcmp(p, q, x.count * x.dtype.byteSize) == 0 } }
        case (.list(let x)?, .list(let y)?):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.record(let x)?, .record(let y)?):
            return x.names == y.names && zip(x.fields, y.fields).allSatisfy { same($0.value, $1.value) }
        case (let x?, let y?): return x.isEqual(to: y)
        default: return false
        }
    }
}

/// The names a function literal mentions: its body's name references, including those of nested
/// functions and parameter defaults.
enum FunctionNames {
    static func collect(_ literal: FunctionLiteral, into names: inout Set<String>) {
        for parameter in literal.parameters { if let d = parameter.defaultValue { collect(d, into: &names) } }
        switch literal.body {
        case .block(let block): collect(block.statements, into: &names)
        case .expression(let expression): collect(expression, into: &names)
        }
    }

    private static func collect(_ statements: [Stmt], into names: inout Set<String>) {
        for statement in statements {
            switch statement.kind {
            case .let(_, let e), .expression(let e):
                collect(e, into: &names)
            case .param(let declaration): collect(declaration.defaultValue, into: &names)
            case .assign(let name, _, let e):
                names.insert(name.name)
                collect(e, into: &names)
            case .function(_, let literal): collect(literal, into: &names)
            case .if(let statement): collect(statement, into: &names)
            case .for(_, let e, let body), .while(let e, let body):
                collect(e, into: &names)
                collect(body.statements, into: &names)
            case .return(let e): if let e { collect(e, into: &names) }
            case .assert(let e, let message):
                collect(e, into: &names)
                if let message { collect(message, into: &names) }
            case .plot(let a, let b), .save(let a, let b):
                collect(a, into: &names)
                collect(b, into: &names)
            case .import: break
            }
        }
    }

    private static func collect(_ statement: IfStatement, into names: inout Set<String>) {
        collect(statement.condition, into: &names)
        collect(statement.thenBlock.statements, into: &names)
        switch statement.elseBranch {
        case .block(let block): collect(block.statements, into: &names)
        case .elseIf(let nested, _): collect(nested, into: &names)
        case nil: break
        }
    }

    private static func collect(_ expression: Expr, into names: inout Set<String>) {
        switch expression.kind {
        case .integer, .float, .string, .bool, .none: break
        case .name(let name): names.insert(name)
        case .list(let elements): for e in elements { collect(e, into: &names) }
        case .record(let fields): for f in fields { collect(f.value, into: &names) }
        case .unary(_, let e), .field(let e, _): collect(e, into: &names)
        case .binary(_, let a, let b), .range(let a, let b, _):
            collect(a, into: &names)
            collect(b, into: &names)
        case .call(let callee, let arguments):
            collect(callee, into: &names)
            for a in arguments { collect(a.value, into: &names) }
        case .index(let base, let indices):
            collect(base, into: &names)
            for i in indices { collect(i, into: &names) }
        case .function(let literal): collect(literal, into: &names)
        case .train(let form):
            collect(form.model, into: &names)
            if let data = form.data { collect(data, into: &names) }
            for setting in form.settings { collect(setting.value, into: &names) }
        case .sweep(let form):
            for axis in form.axes { collect(axis.values, into: &names) }
            collect(form.body.statements, into: &names)
        }
    }
}
