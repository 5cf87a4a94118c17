/// An error from a spectrum computation: an invalid argument (the message names it and its value), an
/// operator that returned a vector of the wrong shape, type or with non-finite entries, or a LAPACK failure.
/// The message is meant to be shown to a user as is.
public struct SpectrumError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A human-readable explanation, e.g. `samEdge: eta must be > 0, got -0.1`.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
