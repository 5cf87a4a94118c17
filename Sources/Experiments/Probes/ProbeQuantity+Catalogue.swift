/// The catalogue's probes by name, for Swift code that builds probe sets directly (tests, benchmarks).
extension ProbeQuantity {
    /// `loss`.
    public static var loss: ProbeQuantity { fixed("loss") }
    /// `test_loss` (and `test_accuracy`).
    public static var testLoss: ProbeQuantity { fixed("test_loss") }
    /// `accuracy`.
    public static var accuracy: ProbeQuantity { fixed("accuracy") }
    /// `grad_norm`.
    public static var gradNorm: ProbeQuantity { fixed("grad_norm") }
    /// `hessian_top(k:)`.
    public static func hessianTop(k: Int) -> ProbeQuantity { fixed("hessian_top", ["k": Double(k)]) }
    /// `lambda_min`.
    public static var lambdaMin: ProbeQuantity { fixed("lambda_min") }
    /// `trace(samples:)`.
    public static func trace(samples: Int) -> ProbeQuantity { fixed("trace", ["samples": Double(samples)]) }
    /// `gd_edge`.
    public static var gdEdge: ProbeQuantity { fixed("gd_edge") }
    /// `sam_edge`.
    public static var samEdge: ProbeQuantity { fixed("sam_edge") }
    /// `edge_ratio`.
    public static var edgeRatio: ProbeQuantity { fixed("edge_ratio") }
    /// `alignment`.
    public static var alignment: ProbeQuantity { fixed("alignment") }

    /// The catalogue probe `name` with `arguments` (the others default), not yet validated: ``ProbeSet``
    /// checks them, as it does for quantities from scripts.
    private static func fixed(_ name: String, _ arguments: [String: Double] = [:]) -> ProbeQuantity {
        let definition = ProbeCatalogue.named(name)!
        return ProbeQuantity(definition: definition, arguments: ProbeArguments(values: definition.parameters.map { arguments[$0.name] ?? $0.defaultValue }))
    }
}
