/// A problem with an experiment's configuration or execution, with a message fit for users.
public struct ExperimentError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
