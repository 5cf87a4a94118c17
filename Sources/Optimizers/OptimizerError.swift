/// An invalid optimizer configuration; the message names the parameter and the offending value.
public struct OptimizerError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Throws unless `value` is finite and positive (or non-negative when `allowZero`).
func validate(_ name: String, _ value: Double, allowZero: Bool = false, atMost: Double? = nil) throws {
    guard value.isFinite, allowZero ? value >= 0 : value > 0 else {
        throw OptimizerError("\(name) must be \(allowZero ? "non-negative" : "positive") and finite, got \(value)")
    }
    if let atMost, value > atMost { throw OptimizerError("\(name) must be at most \(atMost), got \(value)") }
}
