import SamLanguage

/// An engine object handed to `.sam` code as an opaque handle: a dataset, a model, an optimizer, a run.
///
/// Builtins create them and take them back with ``BuiltinCall/native(_:_:)`` or
/// ``Value/asNative(_:for:)``. Scripts can print them (``summary``) and read their fields like a
/// record's (`q.w0`, `run.loss`).
public protocol NativeObject: AnyObject {
    /// The kind's name, as in ``ValueTypeHint/native(_:)``: `"Model"`, `"Dataset"`, ...
    var typeName: String { get }
    /// A one-line description for `print` and the REPL, e.g. `Model(mlp 784-1000-10, 795,010 parameters)`.
    var summary: String { get }
    /// The value of a record-like field, or `nil` if the object has no such field.
    func field(_ name: String) -> Value?
    /// The names ``field(_:)`` answers, for "did you mean" hints, `keys` and completion.
    var fieldNames: [String] { get }
}

extension NativeObject {
    /// No fields by default.
    public func field(_ name: String) -> Value? { nil }
    /// No fields by default.
    public var fieldNames: [String] { [] }
}

/// A native object that gives meaning to operators applied to it, e.g. `after(steps: 3000) or
/// after(minutes: 10)` combining two stop conditions.
///
/// For `and` and `or`, a native left operand turns off short-circuiting: both sides are evaluated and
/// the left one's ``binary(_:_:reversed:)`` decides. For the other operators the left operand is asked
/// first, then the right one with `reversed: true`.
public protocol NativeOperand: NativeObject {
    /// `self op other` (or `other op self` when `reversed`), or `nil` when the operator does not apply.
    func binary(_ op: BinaryOperator, _ other: Value, reversed: Bool) throws -> Value?
    /// `-self`, or `nil` when negation does not apply.
    func negated() throws -> Value?
}

extension NativeOperand {
    /// Negation does not apply by default.
    public func negated() throws -> Value? { nil }
}

/// A native object that can be indexed like a tensor (`x[i]`, `m[i, j]`, `x[1..<3]`).
public protocol NativeIndexable: NativeObject {
    /// `self[indices...]`.
    func index(_ indices: [Value]) throws -> Value
}
