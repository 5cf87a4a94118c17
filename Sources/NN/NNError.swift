/// An error from building, running, saving or loading a model: a mismatched input shape, an unknown
/// parameter name, a parameter file that does not fit the model. The message says exactly what is wrong
/// (names, shapes, file offsets), so it can be shown to a user as is.
public struct NNError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A human-readable explanation.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
