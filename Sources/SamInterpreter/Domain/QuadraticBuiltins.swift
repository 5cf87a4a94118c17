import Foundation
import SamLanguage
import Tensors
import Datasets
import Spectrum
import Optimizers
import Experiments

/// A toy quadratic ℓ(w) = ½ wᵀHw + bᵀw (Float64).
public final class QuadraticValue: NativeObject, NamedNativeType {
    public static let nativeTypeName = "Quadratic"
    public let problem: QuadraticProblem
    public init(_ problem: QuadraticProblem) { self.problem = problem }
    public var typeName: String { Self.nativeTypeName }
    public var summary: String {
        let shown = problem.eigenvalues.prefix(6).map { ValueFormatter.display(.number($0)) }.joined(separator: ", ")
        return "Quadratic(\(problem.dimension) dimensions, eigenvalues [\(shown)\(problem.dimension > 6 ? ", …" : "")])"
    }
    public var fieldNames: [String] { ["w0", "hessian", "eigenvalues", "eigenvectors", "b", "dim"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "w0": return .tensor(problem.w0)
        case "hessian": return .tensor(problem.hessian)
        case "eigenvalues": return .list(problem.eigenvalues.map(Value.number))
        case "eigenvectors": return .tensor(problem.eigenvectors)
        case "b": return .tensor(problem.b)
        case "dim": return .integer(problem.dimension)
        default: return nil
        }
    }
}

/// The report of `check_propositions`.
public final class PropositionReportValue: NativeObject, NamedNativeType {
    public static let nativeTypeName = "PropositionReport"
    public let report: PropositionReport
    init(_ report: PropositionReport) { self.report = report }
    public var typeName: String { Self.nativeTypeName }
    public var summary: String { report.description }
    public var fieldNames: [String] { ["all_hold", "violations", "mismatches", "max_closed_form_error", "condition_met"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "all_hold": return .bool(report.allHold)
        case "violations": return .integer(report.proposition1.violations + report.proposition2.violations + report.proposition3.violations)
        case "mismatches": return .integer(report.gdTightness.mismatches + report.samTightness.mismatches)
        case "max_closed_form_error": return .number(report.maxClosedFormError)
        case "condition_met": return .integer(report.proposition3.conditionMet)
        default: return nil
        }
    }
}

/// Toy quadratics, exact GD and SAM steps, the edges, and the randomised check of Propositions 1–3.
extension BuiltinRegistry {
    static func registerQuadraticBuiltins(into registry: inout BuiltinRegistry) {
        let quadratic = ValueTypeHint.native(QuadraticValue.nativeTypeName)
        let q = Builtin.Parameter("q", quadratic)
        registry.register("quadratic", parameters: [.init("eigenvalues", .list), .init("seed", .int, default: .integer(0)),
                                                    .init("basis", .string, default: .string("random"), doc: "random (a seeded rotation) or identity"),
                                                    .init("b", .string, default: .string("zero"), doc: "the linear term: zero or random")],
                          returns: quadratic, doc: "ℓ(w) = ½ wᵀHw + bᵀw with H = Q diag(eigenvalues) Qᵀ, in double precision; q.w0 is a seeded start.") { call in
            let eigenvalues = try call.list("eigenvalues").map { try $0.asDouble(for: "an eigenvalue") }
            let basis = try call.string("basis")
            guard basis == "random" || basis == "identity" else { throw call.error("basis must be random or identity", argument: "basis") }
            let b = try call.string("b")
            guard b == "zero" || b == "random" else { throw call.error("b must be zero or random", argument: "b") }
            return .native(QuadraticValue(try QuadraticProblem(eigenvalues: eigenvalues, basis: basis == "random" ? .randomRotation : .identity,
                                                               linearTerm: b == "zero" ? .constant(0) : .gaussian(std: 1), seed: try seedValue(call))))
        }
        registry.register("quadratic_deep", parameters: [.init("seed", .int, default: .integer(42))], returns: quadratic,
                          doc: "DeepOBS's quadratic_deep: 100 dimensions, 90 eigenvalues U(0,1) and 10 U(30,60), random rotation.") { call in
            .native(QuadraticValue(QuadraticProblem.quadraticDeep(seed: try seedValue(call))))
        }
        registry.register("gd_step", parameters: [q, .init("w"), .init("lr", .number)], returns: .any, doc: "One exact GD step w − η∇ℓ(w).") { call in
            let problem = try call.native(QuadraticValue.self, "q").problem
            var w = try call.tensor("w")
            w.addScaled(try problem.gradient(w), -(try call.double("lr")))
            return .tensor(w)
        }
        registry.register("sam_step", parameters: [q, .init("w"), .init("lr", .number), .init("rho", .number),
                                                   .init("variant", .string, default: .string("sam"), doc: SAMVariant.allCases.map(\.rawValue).joined(separator: ", "))],
                          returns: .any, doc: "One exact SAM step (or a variant) on a quadratic; no ascent when ∇ℓ(w) = 0.") { call in
            let problem = try call.native(QuadraticValue.self, "q").problem
            let name = try call.string("variant")
            guard let variant = SAMVariant(rawValue: name) else {
                throw call.error("unknown variant '\(name)'", argument: "variant", hint: SAMVariant.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let rule = variant.ascentRule(xi: 0.01)
            let config: OptimizerConfiguration
            do { config = try OptimizerConfiguration(learningRate: try call.double("lr"), ascent: rule, rho: try call.double("rho")) } catch let error as OptimizerError { throw call.error(error.message, argument: error.parameter) }
            var w = try call.tensor("w")
            _ = try Optimizer(config).step(&w, oracle: ClosureGradientOracle { x, g in g = try problem.gradient(x); return try problem.loss(x) })
            return .tensor(w)
        }
        registry.register("sam_edge", parameters: [.init("eta", .number), .init("rho", .number), .init("grad_norm", .number)], returns: .float,
                          doc: "The SAM-edge E = (‖g‖/2ρ)(√(1 + 8ρ/(η‖g‖)) − 1), computed stably; ρ = 0 gives 2/η.") { call in
            do { return .number(try samEdge(eta: try call.double("eta"), rho: try call.double("rho"), gradNorm: try call.double("grad_norm"))) } catch { throw call.error("\(error)") }
        }
        registry.register("gd_edge", parameters: [.init("eta", .number)], returns: .float, doc: "The GD edge of stability 2/η.") { call in
            do { return .number(try gdEdge(eta: try call.double("eta"))) } catch { throw call.error("\(error)", argument: "eta") }
        }
        registry.register("edge_ratio", parameters: [.init("alpha", .number)], returns: .float,
                          doc: "E / (2/η) as a function of α = η‖g‖/(2ρ): (α/2)(√(1 + 4/α) − 1).") { call in
            do { return .number(try samEdgeRatio(alpha: try call.double("alpha"))) } catch { throw call.error("\(error)", argument: "alpha") }
        }
        registry.register("alignment", parameters: [.init("u"), .init("v")], returns: .float, doc: "|cos| of the angle between two vectors (0 if either is zero).") { call in
            .number(try Spectrum.alignment(try call.tensor("u"), try call.tensor("v")))
        }
        registry.register("check_propositions", parameters: [.init("cases", .int, default: .integer(2000)), .init("seed", .int, default: .integer(0)),
                                                             .init("max_dim", .int, default: .integer(6))],
                          returns: .native(PropositionReportValue.nativeTypeName),
                          doc: "Randomised exact check of Propositions 1–3 (Long & Bartlett) on quadratics: violations must be 0.") { call in
            let cases = try call.int("cases")
            guard cases > 0 else { throw call.error("cases must be positive, got \(cases)", argument: "cases") }
            return .native(PropositionReportValue(PropositionCheck(cases: cases, seed: try seedValue(call), maxDimension: try call.int("max_dim")).run()))
        }
    }
}
