import Autodiff
import ProcessSupport
import SamLanguage
import Tensors

/// `loss`, `grad`, `hvp` and `hessian` of `.sam` functions: `grad(f, w)` traces `f` once per argument
/// shape into an autodiff program (see ``TraceCache``) and runs it; the Hessian-vector product is exact
/// forward-over-reverse (`jvp` of the gradient), and `hessian` assembles the dense Hessian column by
/// column from it. Each builtin is chained in front of the existing one of its name (the quadratic's),
/// which still handles every other first argument.
///
/// `w` is a tensor (or a number or list of numbers, converted to a float64 tensor) or a list of tensors,
/// which `f` then receives as a list; results have the same structure. `args: [x, y]` passes data
/// tensors after `w`: `f(w, x, y)`. Everything runs in float64 when `w` is float64 (as tensor literals are),
/// or in the call's `dtype:`.
extension BuiltinRegistry {
    static func registerFunctionCalculusBuiltins(into registry: inout BuiltinRegistry) {
        let w = Builtin.Parameter("w", .any, doc: "the point: a tensor or a list of tensors")
        let optionalW = Builtin.Parameter.optional("w", .any, doc: "for a function: the point, a tensor or a list of tensors")
        let args = Builtin.Parameter.optional("args", .list, doc: "for a function: data tensors passed after w, f(w, args...)")

        chain("loss", in: &registry, insert: [w], append: [args],
              doc: "f(w) of a function f returning a scalar, traced and compiled once per argument shape.") { call, traced in
            .number(try traced.function.value(at: traced.w, data: traced.data))
        }
        chain("grad", in: &registry, insert: [w], append: [args],
              doc: "∇f(w) of a function f returning a scalar, by reverse-mode autodiff of its trace (shaped like w).") { call, traced in
            try traced.shaped(try traced.function.valueAndGradient(at: traced.w, data: traced.data).gradient)
        }
        chain("hvp", in: &registry, insert: [optionalW], append: [args], optional: ["v"],
              doc: "∇²f(w)·v of a function f returning a scalar, exact (forward-over-reverse autodiff), shaped like w: hvp(f, w, v).") { call, traced in
            let v = try call.converting("v") { try traced.flat($0, what: "v") }
            return try traced.shaped(try traced.function.hessianVectorProduct(at: traced.w, data: traced.data, vector: v))
        }
        chain("hessian", in: &registry, insert: [optionalW], append: [args],
              doc: "The dense Hessian ∇²f(w) (a d × d matrix over the flattened w) of a function, column by column from exact HVPs.") { call, traced in
            let d = traced.function.layout.dimension
            let square = d.multipliedReportingOverflow(by: d)
            guard !square.overflow, square.partialValue <= Value.maxMaterializedCount else {
                throw call.error("a dense Hessian of \(d) parameters is too large", hint: "use hvp(f, w, v) for products with the Hessian")
            }
            var matrix = [Double](repeating: 0, count: d * d)
            var basis = Tensor(zeros: [d], dtype: traced.function.dtype)
            var column = Tensor(zeros: [d], dtype: traced.function.dtype)
            for i in 0..<d {
                if Interruption.isRequested { throw call.error("interrupted") }
                basis.setScalar(1, at: i)
                try traced.function.hessianVectorProduct(at: traced.w, data: traced.data, vector: basis, into: &column)
                basis.setScalar(0, at: i)
                for (r, x) in column.scalars.enumerated() { matrix[r * d + i] = x }
            }
            return .tensor(try Tensor(shape: [d, d], scalars: matrix, dtype: traced.function.dtype))
        }
    }

    /// Registers `name` in front of the existing builtin of that name: a function as the first argument is
    /// traced and handled by `body`, anything else goes to the previous builtin. The parameters are the
    /// previous ones (the first also accepting a function) with those of `insert` it lacks after the first,
    /// `optional` made optional, and those of `append` it lacks at the end.
    private static func chain(_ name: String, in registry: inout BuiltinRegistry, insert: [Builtin.Parameter], append: [Builtin.Parameter],
                              optional: Set<String> = [], doc: String, body: @escaping (BuiltinCall, FunctionPoint) throws -> Value) {
        let previous = registry.functions[name]
        var parameters: [Builtin.Parameter]
        if let previous, var first = previous.parameters.first {
            let existing = Set(previous.parameters.map(\.name))
            first.type = .oneOf([first.type, .function])
            first.doc += (first.doc.isEmpty ? "" : "; ") + "a .sam function f(w) returning a scalar, to differentiate"
            parameters = [first] + insert.filter { !existing.contains($0.name) } + previous.parameters.dropFirst()
                + append.filter { !existing.contains($0.name) }
        } else {
            parameters = [.init("f", .function, doc: "a function f(w) returning a scalar")] + insert + append
        }
        parameters = parameters.map { optional.contains($0.name) ? .optional($0.name, $0.type, doc: $0.doc) : $0 }
        let functionName = parameters[0].name, renamesVector = optional.contains("v") && previous?.parameters.contains { $0.name == "w" } == false
        registry.register(name, parameters: parameters, returns: .any, doc: doc + (previous.map { " Otherwise: " + $0.doc } ?? "")) { call in
            guard case .function(let function) = try call.value(functionName) else {
                guard let previous else { throw call.error("'\(name)' needs a function", argument: functionName) }
                // The previous builtin takes the vector as `v`; `hvp(q, x)` binds x to the inserted `w`.
                if renamesVector, try call.optionalValue("v") == nil, let vector = try call.optionalValue("w") {
                    return try previous.body(call.replacing("v", with: vector))
                }
                return try previous.body(call)
            }
            return try body(call, try FunctionPoint(call, function: function, optional: optional))
        }
    }
}

/// A traced function with the point and data of one call.
struct FunctionPoint {
    /// The compiled function.
    let function: DifferentiableFunction
    /// The point, flattened.
    let w: Tensor
    /// The data tensors.
    let data: [Tensor]
    private let isList: Bool

    init(_ call: BuiltinCall, function callee: Function, optional: Set<String>) throws {
        guard let point = try call.optionalValue("w") else { throw call.error("'\(call.name)' of a function needs the point w", hint: "\(call.name)(f, w)") }
        if optional.contains("v"), try call.optionalValue("v") == nil { throw call.error("hvp of a function needs the vector v", hint: "hvp(f, w, v)") }
        let (tensors, isList) = try call.converting("w") { _ in try Self.tensors(point, what: "w") }
        let dtype: DType = try CalculusTarget.dtypeArgument(call) ?? (tensors.contains { $0.dtype == .float64 } ? .float64 : .float32)
        let data = try (try call.optionalValue("args") == nil ? [] : try call.list("args")).enumerated().map { index, value in
            try call.converting("args") { _ in try value.asTensor(for: "args[\(index)]").converted(to: dtype) }
        }
        let parameters = tensors.map { $0.converted(to: dtype) }
        let traced = try call.context.traceCache.traced(callee, shapes: parameters.map(\.shape), isList: isList,
                                                        dataShapes: data.map(\.shape), dtype: dtype, call: call)
        self.function = traced.function
        self.isList = isList
        self.data = data
        self.w = try traced.function.layout.flatten(parameters)
    }

    /// A point or direction: one tensor (numbers and lists of numbers convert), or a list of tensors.
    private static func tensors(_ value: Value, what: String) throws -> ([Tensor], Bool) {
        if case .list(let elements) = value, !elements.isEmpty, elements.allSatisfy({ $0.tensorDType != nil }) {
            return (try elements.map { try $0.asTensor(for: what) }, true)
        }
        return ([try value.asTensor(for: what)], false)
    }

    /// A direction shaped like the point, flattened.
    func flat(_ value: Value, what: String) throws -> Tensor {
        let (tensors, _) = try Self.tensors(value, what: what)
        let shapes = function.layout.entries.map(\.shape)
        guard tensors.map(\.shape) == shapes else {
            throw RuntimeError("'\(what)' must be shaped like w (\(shapes.map(describeShape).joined(separator: ", "))), but got \(tensors.map { describeShape($0.shape) }.joined(separator: ", "))")
        }
        return try function.layout.flatten(tensors.map { $0.converted(to: function.dtype) })
    }

    /// A flat vector in the structure of the point: a tensor shaped like w, or a list of tensors.
    func shaped(_ flat: Tensor) throws -> Value {
        let tensors = try function.layout.unflatten(flat)
        return isList ? .list(tensors.map(Value.tensor)) : .tensor(tensors[0])
    }
}

extension BuiltinCall {
    /// The same call with one parameter's value replaced (for handing a call on to another builtin).
    func replacing(_ name: String, with value: Value) -> BuiltinCall {
        var arguments = self.arguments
        arguments[name] = value
        return BuiltinCall(name: self.name, arguments: arguments, variadicArguments: variadicArguments, givenNames: givenNames.union([name]),
                           location: location, context: context, registry: registry, argumentRanges: argumentRanges,
                           variadicRanges: variadicRanges, invoker: invoker)
    }
}
