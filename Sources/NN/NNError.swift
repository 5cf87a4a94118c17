/// An error from building, running, saving or loading a model: a mismatched input shape, an unknown
/// parameter name, a parameter file that does not fit the model. The message says exactly what is wrong
/// (names, shapes, file offsets), so it can be shown to a user as is.
public struct NNError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A human-readable explanation.
    public let message: String
    /// Whether the problem is a parameter file's (unreadable, corrupt, or not fitting the model) rather
    /// than a model's or its inputs'; `samlab run` exits with 74 for those, 70 for the rest.
    public let isFileProblem: Bool

    /// A problem with a model or its inputs.
    public init(_ message: String) {
        self.message = message
        isFileProblem = false
    }

    /// A problem with a parameter file.
    public init(file message: String) {
        self.message = message
        isFileProblem = true
    }

    public var description: String { message }
}
