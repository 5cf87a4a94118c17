/// A probe with its arguments bound, e.g. `hessian_top(k: 3)`: what a probe clause measures. Two
/// quantities are the same when they name the same probe with the same arguments.
public struct ProbeQuantity: Sendable, Hashable, CustomStringConvertible {
    /// The catalogue entry.
    public let definition: ProbeDefinition
    /// Its arguments, one per parameter.
    public let arguments: ProbeArguments

    /// The probe's name.
    public var name: String { definition.name }

    /// `loss`, `hessian_top(k: 3)`: the probe as a script writes it (it is part of checkpoint fingerprints).
    public var description: String {
        guard !definition.parameters.isEmpty else { return name }
        let parts = zip(definition.parameters, arguments.values).map { "\($0.name): \($0.format($1))" }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    public static func == (a: ProbeQuantity, b: ProbeQuantity) -> Bool { a.name == b.name && a.arguments == b.arguments }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(arguments)
    }
}
