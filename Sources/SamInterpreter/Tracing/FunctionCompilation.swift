import Autodiff
import Tensors

extension Interpreter {
    /// Traces the `.sam` function `function` into a compiled ``DifferentiableFunction`` of the flat parameter
    /// vector and `data`, exactly as `grad(f, w, args: data)` and `train(f, w: w, args: data)` do (through
    /// the context's trace cache): `f` receives `parameters[0]`, or the list `parameters` when `isList`, then
    /// the data tensors. The dtype is float64 when any parameter is, else float32. For native callers (the
    /// benchmarks) that then run the compiled programs without the interpreter.
    public func compile(_ function: Function, parameters: [Tensor], isList: Bool, data: [Tensor]) throws -> DifferentiableFunction {
        guard isList || parameters.count == 1 else { throw RuntimeError("compile: one parameter tensor unless isList, got \(parameters.count)") }
        var compiled: DifferentiableFunction?
        let tracer = Builtin("compile", parameters: [.init("w"), .init("args", .list), .init("dtype", default: .none)], doc: "traces f") { call in
            compiled = try FunctionPoint(call, function: function, optional: []).function
            return .none
        }
        let w: Value = isList ? .list(parameters.map(Value.tensor)) : .tensor(parameters[0])
        _ = try callBuiltin(tracer, [ArgumentValue(label: nil, value: w, range: nil),
                                     ArgumentValue(label: nil, value: .list(data.map(Value.tensor)), range: nil)], callSite: nil)
        guard let compiled else { throw RuntimeError("compile: \(function.name) was not traced") }
        return compiled
    }
}
