/// An error from a tensor operation whose operands do not fit together. The message names the operation
/// and the shapes involved, so it can be shown to a user as is.
public struct TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A human-readable explanation, e.g. `matmul: inner dimensions differ: [3, 4] x [5, 2]`.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Formats a shape the way error messages show it: `[2, 3]`.
public func describeShape(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
