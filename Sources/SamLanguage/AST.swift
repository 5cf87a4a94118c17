/// The syntax tree of `.sam` programs. Every node has a ``SourceRange``.
///
/// Nodes are value types: a `struct` with a `kind` enum and a `range`, so the interpreter can `switch`
/// over `kind` and report errors at `range`. Domain forms (`train`, `sweep`, probes, `plot`, `save`,
/// `param`) have their own nodes; `grammar/sam.ebnf` documents how each desugars.

/// A name as written in the source, with its range.
public struct Identifier: Hashable, Sendable {
    /// The name.
    public var name: String
    /// Where it is written.
    public var range: SourceRange

    /// Creates an identifier.
    public init(_ name: String, _ range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A prefix operator.
public enum UnaryOperator: String, Sendable {
    /// Arithmetic negation `-x`.
    case negate = "-"
    /// Logical negation `not x`.
    case not = "not"
}

/// An infix operator. `and` and `or` short-circuit; the others evaluate both operands.
public enum BinaryOperator: String, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", matrixMultiply = "@"
    case power = "**"
}

/// An expression: something that has a value.
public struct Expr: Sendable {
    /// What the expression is.
    public var kind: Kind
    /// Where it is (for a parenthesized expression, including the parentheses).
    public var range: SourceRange

    /// Creates an expression node.
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The expression forms.
    public indirect enum Kind: Sendable {
        /// An integer literal.
        case integer(Int)
        /// A float literal.
        case float(Double)
        /// A string literal (escapes decoded).
        case string(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `none`.
        case none
        /// A reference to a name.
        case name(String)
        /// `[a, b, c]`.
        case list([Expr])
        /// `{name: value, ...}`.
        case record([RecordField])
        /// `-x`, `not x`.
        case unary(UnaryOperator, Expr)
        /// `a + b`, `a and b`, `a @ b`, ...
        case binary(BinaryOperator, Expr, Expr)
        /// `a..<b` (half-open, `inclusive == false`) or `a...b` (closed).
        case range(Expr, Expr, inclusive: Bool)
        /// `callee(arguments)`.
        case call(Expr, [Argument])
        /// `base.name`.
        case field(Expr, Identifier)
        /// `base[i]`, `base[i, j]`.
        case index(Expr, [Expr])
        /// An anonymous function `fn(x) => x * 2` or `fn(x) { ... }`.
        case function(FunctionLiteral)
        /// The form `train MODEL on DATA { settings and probes }`.
        case train(TrainForm)
        /// The form `sweep a in xs, b in ys { body }`.
        case sweep(SweepForm)
    }
}

/// One argument of a call: positional (`label == nil`) or named (`lr: 0.1`).
public struct Argument: Sendable {
    /// The name before `:`, if any.
    public var label: Identifier?
    /// The value.
    public var value: Expr
    /// The whole argument, label included.
    public var range: SourceRange

    /// Creates an argument.
    public init(label: Identifier?, value: Expr, range: SourceRange) {
        self.label = label
        self.value = value
        self.range = range
    }
}

/// One `name: value` field of a record literal.
public struct RecordField: Sendable {
    /// The field name.
    public var name: Identifier
    /// The value.
    public var value: Expr

    /// Creates a record field.
    public init(name: Identifier, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// A function: parameters and a body. Used by `fn name(...)` declarations and anonymous `fn(...)`.
public struct FunctionLiteral: Sendable {
    /// The parameters, in order.
    public var parameters: [Parameter]
    /// The body.
    public var body: FunctionBody
    /// From `fn` to the end of the body.
    public var range: SourceRange

    /// Creates a function literal.
    public init(parameters: [Parameter], body: FunctionBody, range: SourceRange) {
        self.parameters = parameters
        self.body = body
        self.range = range
    }
}

/// A function parameter `a` or `b: default`. Defaults are evaluated at each call that omits them.
public struct Parameter: Sendable {
    /// The parameter name.
    public var name: Identifier
    /// The default value, if any.
    public var defaultValue: Expr?

    /// Creates a parameter.
    public init(name: Identifier, defaultValue: Expr?) {
        self.name = name
        self.defaultValue = defaultValue
    }
}

/// A function body: a block (`return` gives the value; falling off the end gives `none`) or a single
/// expression after `=>` (its value is the result).
public enum FunctionBody: Sendable {
    /// `{ statements }`.
    case block(Block)
    /// `=> expression`.
    case expression(Expr)
}

/// A brace-delimited statement list. Every block is a scope for the names it declares.
public struct Block: Sendable {
    /// The statements, in order.
    public var statements: [Stmt]
    /// From `{` to `}`.
    public var range: SourceRange

    /// Creates a block.
    public init(statements: [Stmt], range: SourceRange) {
        self.statements = statements
        self.range = range
    }
}
