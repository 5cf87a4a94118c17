import Autodiff
import Foundation
import SamLanguage
import Tensors

/// Refuses traced tensors in builtins that have no traced version.
enum TraceGuard {
    /// Whether a value is, or (in a list or record) holds, a traced tensor.
    static func containsTraced(_ value: Value) -> Bool {
        switch value {
        case .native(let object): return object is TracedValue
        case .list(let elements): return elements.contains(where: containsTraced)
        case .record(let record): return record.fields.contains { containsTraced($0.value) }
        default: return false
        }
    }

    /// Throws an error naming `builtin` when one of its arguments holds a traced tensor.
    static func reject(_ builtin: String, _ arguments: [Value], registry: BuiltinRegistry, at location: RuntimeError.Location?) throws {
        guard arguments.contains(where: containsTraced) else { return }
        let supported = registry.tracedFunctions.sorted().joined(separator: ", ")
        throw RuntimeError("'\(builtin)' cannot take a traced tensor: it has no traced version",
                           hint: "inside a function given to grad, hvp, hessian or loss, its tensor arguments support + - * / ** @, indexing, and \(supported)",
                           location: location)
    }

    /// The trace session of the first traced value among a call's arguments, or `nil` when there is none.
    static func session(of call: BuiltinCall) throws -> TraceSession? {
        func find(_ value: Value) -> TracedValue? {
            switch value {
            case .native(let traced as TracedValue): return traced
            case .list(let elements): return elements.lazy.compactMap(find).first
            default: return nil
            }
        }
        let values = call.arguments.sorted { $0.key < $1.key }.map(\.value) + call.variadicArguments
        guard let traced = values.lazy.compactMap(find).first else { return nil }
        _ = try traced.session.variable(of: traced)
        return traced.session
    }
}

/// Traced versions of the tensor builtins: each is chained in front of the plain one and takes over when
/// an argument is traced (see ``TraceSession``); `tanh`, `relu` and `square` are new, for numbers and
/// tensors as well.
extension BuiltinRegistry {
    static func registerTracedOperations(into registry: inout BuiltinRegistry) {
        registerActivations(into: &registry)
        let unary: [(String, UnaryOp)] = [("exp", .exp), ("log", .log), ("sqrt", .sqrt), ("abs", .abs), ("tanh", .tanh), ("relu", .relu), ("square", .square)]
        for (name, op) in unary {
            traced(name, in: &registry) { call, session in session.wrap(try session.variable(call.value("x"), what: "x").apply(op)) }
        }
        traced("sum", in: &registry) { call, session in
            let xs = try call.value("xs")
            if case .list(let elements) = xs { return try elements.reduce(Value.integer(0)) { try session.binary(.add, $0, $1) } }
            return session.wrap(try session.variable(xs, what: "xs").sum())
        }
        traced("mean", in: &registry) { call, session in
            let xs = try call.value("xs")
            if case .list(let elements) = xs {
                guard !elements.isEmpty else { return .number(.nan) }
                let total = try elements.reduce(Value.integer(0)) { try session.binary(.add, $0, $1) }
                return try session.binary(.divide, total, .integer(elements.count))
            }
            return session.wrap(try session.variable(xs, what: "xs").mean())
        }
        traced("norm", in: &registry) { call, session in
            session.wrap(try session.variable(call.value("x"), what: "x").square().sum().sqrt())
        }
        traced("dot", in: &registry) { call, session in
            let a = try session.variable(call.value("a"), what: "a"), b = try session.variable(call.value("b"), what: "b")
            guard a.shape.reduce(1, *) == b.shape.reduce(1, *) else {
                throw call.error("dot of tensors with \(a.shape.reduce(1, *)) and \(b.shape.reduce(1, *)) elements")
            }
            return session.wrap(try (try a.reshaped([-1]) * b.reshaped([-1])).sum())
        }
        traced("matmul", in: &registry) { call, session in try session.binary(.matrixMultiply, call.value("a"), call.value("b")) }
        traced("outer", in: &registry) { call, session in
            let a = try session.variable(call.value("a"), what: "a"), b = try session.variable(call.value("b"), what: "b")
            return session.wrap(try (try a.reshaped([-1, 1])).matmul(try b.reshaped([1, -1])))
        }
        traced("transpose", in: &registry) { call, session in
            let x = try session.variable(call.value("x"), what: "x")
            let axes = try call.optionalValue("axes") == nil ? nil : try call.list("axes").map { try $0.asInt(for: "axes") }
            return session.wrap(try x.transposed(axes ?? Array((0..<x.rank).reversed())))
        }
        traced("reshape", in: &registry) { call, session in
            let x = try session.variable(call.value("x"), what: "x")
            let shapeValue = try call.value("shape")
            let shape = try (shapeValue.asList(for: "shape")).map { try $0.asInt(for: "shape") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw call.error("a shape cannot have negative sizes: \(describeShape(shape))", argument: "shape") }
            return session.wrap(try x.reshaped(shape))
        }
        traced("tensor", in: &registry) { call, session in
            let x = try session.variable(call.value("x"), what: "x")
            guard try call.string("dtype") == x.dtype.rawValue || !call.isGiven("dtype") else {
                throw call.error("a traced tensor keeps its dtype \(x.dtype)", argument: "dtype")
            }
            return session.wrap(x)
        }
        traced("len", in: &registry) { call, session in
            let x = try session.variable(call.value("x"), what: "x")
            guard let first = x.shape.first else { throw call.error("len of a rank-0 tensor", argument: "x") }
            return .integer(first)
        }
        traced("shape", in: &registry) { call, session in .list(try session.variable(call.value("x"), what: "x").shape.map(Value.integer)) }
    }

    /// `tanh`, `relu` and `square` on numbers and tensors.
    private static func registerActivations(into registry: inout BuiltinRegistry) {
        let functions: [(String, UnaryOp, (Double) -> Double, String)] = [
            ("tanh", .tanh, Foundation.tanh, "The hyperbolic tangent; elementwise for a tensor."),
            ("relu", .relu, { Swift.max($0, 0) }, "max(x, 0); elementwise for a tensor."),
            ("square", .square, { $0 * $0 }, "x²; elementwise for a tensor."),
        ]
        for (name, op, scalar, doc) in functions {
            registry.register(name, parameters: [.init("x", .any, doc: "a number or a tensor")], returns: .any, doc: doc) { call in
                if case .tensor(let t) = try call.value("x") { return .tensor(t.applying(op)) }
                return .number(scalar(try call.double("x")))
            }
        }
    }

    /// Lets builtins with a string parameter `act` (`mlp`, `cnn`, ...) also take the activation builtins
    /// `relu` and `tanh` themselves, whose names shadow the activation constants: `mlp(act: relu)` passes
    /// the name on as before.
    static func registerActivationFunctionArguments(into registry: inout BuiltinRegistry) {
        for previous in registry.functions.values {
            guard let index = previous.parameters.firstIndex(where: { $0.name == "act" && $0.type == .string }) else { continue }
            var parameters = previous.parameters
            parameters[index].type = .oneOf([.string, .function])
            registry.register(previous.name, parameters: parameters, variadic: previous.variadic, returns: previous.returnType, doc: previous.doc) { call in
                guard case .function(let function) = try call.value("act") else { return try previous.body(call) }
                return try previous.body(call.replacing("act", with: .string(function.name)))
            }
        }
    }

    /// Chains a traced version in front of the builtin `name`: it runs when an argument is traced, and the
    /// previous builtin otherwise.
    static func traced(_ name: String, in registry: inout BuiltinRegistry,
                               _ body: @escaping (BuiltinCall, TraceSession) throws -> Value) {
        guard let previous = registry.functions[name] else { return }
        registry.register(name, parameters: previous.parameters, variadic: previous.variadic, returns: previous.returnType,
                          doc: previous.doc + " Traced inside functions given to grad, hvp, hessian and loss.") { call in
            guard let session = try TraceGuard.session(of: call) else { return try previous.body(call) }
            return try body(call, session)
        }
        registry.tracedFunctions.insert(name)
    }
}
