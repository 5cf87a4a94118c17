/// A statement: something that is executed for its effect.
public struct Stmt: Sendable {
    /// What the statement is.
    public var kind: Kind
    /// Where it is.
    public var range: SourceRange

    /// Creates a statement node.
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The statement forms.
    public indirect enum Kind: Sendable {
        /// `let name = value`: always creates a binding in the current scope (shadowing is allowed).
        case `let`(Identifier, Expr)
        /// `name = value` or `name += value` (`operator` is the `+` of `+=`). A plain `name = value`
        /// assigns to the nearest visible binding of `name`; when there is none, it creates one in the
        /// current scope exactly like `let`. Compound assignments require an existing binding.
        case assign(Identifier, operator: BinaryOperator?, Expr)
        /// An expression evaluated for its effect (in the REPL, a lone one is echoed).
        case expression(Expr)
        /// `fn name(parameters) body`: binds `name` in the current scope to the function.
        case function(Identifier, FunctionLiteral)
        /// `if condition { } else if ... { } else { }`.
        case `if`(IfStatement)
        /// `for name in sequence { body }`: `name` is bound in a fresh scope for each element.
        case `for`(Identifier, Expr, Block)
        /// `while condition { body }`.
        case `while`(Expr, Block)
        /// `return` or `return value` (only inside a function).
        case `return`(Expr?)
        /// `assert condition` or `assert condition, message`.
        case assert(Expr, message: Expr?)
        /// `param name = default [in allowed]`: a script parameter (top level only).
        case param(ParamDeclaration)
        /// `import "path"`: runs another file in the global scope (top level only).
        case `import`(path: String, pathRange: SourceRange)
        /// `plot what to path`.
        case plot(Expr, to: Expr)
        /// `save value to path`.
        case save(Expr, to: Expr)
    }
}

/// An `if` statement with its optional `else` branch.
public struct IfStatement: Sendable {
    /// The condition.
    public var condition: Expr
    /// The block run when the condition is true.
    public var thenBlock: Block
    /// What runs otherwise.
    public var elseBranch: ElseBranch?

    /// Creates an `if` statement.
    public init(condition: Expr, thenBlock: Block, elseBranch: ElseBranch?) {
        self.condition = condition
        self.thenBlock = thenBlock
        self.elseBranch = elseBranch
    }
}

/// The `else` part of an ``IfStatement``.
public indirect enum ElseBranch: Sendable {
    /// `else { ... }`.
    case block(Block)
    /// `else if ...`, with its range from `if` on.
    case elseIf(IfStatement, SourceRange)
}

/// `param name = default` or `param name = default in allowed`.
///
/// `samlab run --set name=value` replaces the default; when `allowed` is present the value must be one
/// of its elements.
public struct ParamDeclaration: Sendable {
    /// The parameter name.
    public var name: Identifier
    /// The default value.
    public var defaultValue: Expr
    /// The allowed values (usually a list literal), if restricted.
    public var allowedValues: Expr?

    /// Creates a parameter declaration.
    public init(name: Identifier, defaultValue: Expr, allowedValues: Expr?) {
        self.name = name
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
    }
}

/// A parsed file: the start rule `program`.
public struct Program: Sendable {
    /// The source it was parsed from.
    public var file: SourceFile
    /// Its statements, in order (statements with syntax errors are left out).
    public var statements: [Stmt]

    /// Creates a program.
    public init(file: SourceFile, statements: [Stmt]) {
        self.file = file
        self.statements = statements
    }

    /// The script parameters (top-level `param` declarations), in order: what `--set name=value` may
    /// override. A name given to `--set` that is not among them is a usage error.
    public var parameters: [ParamDeclaration] {
        statements.compactMap { statement in
            if case .param(let declaration) = statement.kind { return declaration }
            return nil
        }
    }
}

/// A parsed REPL entry: the start rule `replEntry`.
public struct ReplEntry: Sendable {
    /// The source of this entry (all its lines).
    public var file: SourceFile
    /// The statements of the entry, in order.
    public var statements: [Stmt]

    /// Creates a REPL entry.
    public init(file: SourceFile, statements: [Stmt]) {
        self.file = file
        self.statements = statements
    }

    /// The expression of an *expression entry* — an entry that is exactly one expression statement —
    /// whose value the REPL echoes (unless it is `none`); `nil` for any other entry.
    public var echoedExpression: Expr? {
        guard statements.count == 1, case .expression(let expression) = statements[0].kind else { return nil }
        return expression
    }
}
