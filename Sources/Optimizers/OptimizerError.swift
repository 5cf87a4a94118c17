/// An invalid optimizer configuration; the message names the parameter and the offending value, and
/// ``parameter`` names it for callers that point at the argument (e.g. `rho` of `sam(lr:rho:)`).
public struct OptimizerError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    /// The offending parameter's name, when one parameter is at fault.
    public let parameter: String?
    public init(_ message: String, parameter: String? = nil) {
        self.message = message
        self.parameter = parameter
    }
    public var description: String { message }
}

/// Throws unless `value` is finite and positive (or non-negative when `allowZero`); the error's
/// ``OptimizerError/parameter`` is `parameter` (default: `name`).
func validate(_ name: String, _ value: Double, allowZero: Bool = false, atMost: Double? = nil, parameter: String? = nil) throws {
    guard value.isFinite, allowZero ? value >= 0 : value > 0 else {
        throw OptimizerError("\(name) must be \(allowZero ? "non-negative" : "positive") and finite, got \(value)", parameter: parameter ?? name)
    }
    if let atMost, value > atMost { throw OptimizerError("\(name) must be at most \(atMost), got \(value)", parameter: parameter ?? name) }
}
