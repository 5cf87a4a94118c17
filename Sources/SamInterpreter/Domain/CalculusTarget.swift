import Tensors
import Autodiff
import Datasets
import NN
import Spectrum
import Experiments

/// What the calculus builtins (`loss`, `grad`, `hvp`, `hessian`, `spectrum`, …) differentiate, decoded from
/// their common arguments `f`, `w`, `data`, `loss`, `dtype`, `args`: a training task (its probe loss, gradient and
/// exact Hessian-vector products) and the point to evaluate it at.
///
/// - a **Quadratic** `q`: ½ wᵀHw + bᵀw, at `w` (default `q.w0`), in float64;
/// - a **Run**: its probe data and loss, at `w` (default its final parameters); with `data:`, that data;
/// - a **function** `f(w, args...)` returning a scalar, at `w` (a tensor or a list of tensors), traced once
///   per argument shape (see ``FunctionPoint``), in `dtype` (default float64 when `w` is);
/// - a **Model** with `data:`: the model's loss on the whole data set (`loss:` default mse, cross_entropy for
///   text; on text, a fixed batch of 32 windows), at `w` (default its given, trained or seeded parameters),
///   in `dtype` (default float64 when its parameters are float64, else float32).
///
/// `w` is a flat parameter vector or a record of named tensors (samlab names, e.g. from `load`).
struct CalculusTarget {
    /// The loss, gradient and Hessian-vector products.
    let task: TrainingTask
    /// Where they are evaluated.
    let point: Tensor
    /// The parameters' names and shapes (a quadratic's one tensor is `w`).
    let layout: ParameterLayout
    /// What is differentiated, as a run that trains it records it.
    let trained: RunValue.Trained

    /// The parameters every calculus builtin takes after its own: `w`, `data`, `loss`, `dtype`.
    static let commonParameters: [Builtin.Parameter] = [
        .optional("w", .any, doc: "where: a parameter vector or a record of named tensors (default: the quadratic's w0, the run's final or the model's own parameters)"),
        .optional("data", .native(DatasetValue.nativeTypeName), doc: "the data the loss is measured on (needed for a Model)"),
        .optional("loss", .string, doc: "mse (mean over examples and outputs), half_sse or cross_entropy; default: mse, cross_entropy for text"),
        .optional("dtype", .string, doc: "float32 or float64 (default: the parameters' own)"),
        .optional("args", .list, doc: "for a function: data tensors passed after w, f(w, args...)"),
    ]

    /// The objective parameter every calculus builtin takes first.
    static let objectiveParameter = Builtin.Parameter("f", .any, doc: "a function f(w, args...) returning a scalar, a Quadratic, a Run, or a Model (with data:)")

    /// The target of a call; with `pointGiven: false` its `w` argument is not a point (`hvp(q, v)` passes the
    /// vector there) and the default point is used.
    init(_ call: BuiltinCall, pointGiven: Bool = true) throws {
        try self.init(call, objective: try call.value("f"), argument: "f", pointGiven: pointGiven)
    }

    /// The target `objective` (given as the call's argument `argument`) at the call's `w`, `data`, `args`,
    /// `loss` and `dtype`.
    init(_ call: BuiltinCall, objective: Value, argument: String, pointGiven: Bool = true) throws {
        let pointArgument = pointGiven ? "w" : nil
        switch objective {
        case .native(let quadratic as QuadraticValue):
            let problem = quadratic.problem
            task = QuadraticTask(problem)
            layout = ParameterLayout([("w", [problem.dimension])])
            point = try Self.point(call, pointArgument, layout: layout, dtype: .float64) ?? problem.w0
            trained = .quadratic(quadratic)
        case .function(let function):
            if try call.optionalValue("data") != nil {
                throw call.error("a function's data tensors are passed as args: [x, y], not data:", argument: "data")
            }
            let traced = try FunctionPoint(call, function: function, optional: [])
            task = try FunctionTask(function: traced.function, data: traced.data, name: function.name)
            layout = traced.function.layout
            point = traced.w
            trained = .function(traced)
        case .native(is RunValue) where try call.optionalValue("args") != nil:
            throw call.error("a run measures on its own data; for other data, differentiate the function itself",
                             argument: "args", hint: "e.g. spectrum(f, w: run.parameters, args: [x2, y2])")
        case .native(let run as RunValue) where try call.optionalValue("data") == nil && call.optionalString("loss") == nil:
            task = run.task
            layout = run.layout
            point = try Self.point(call, pointArgument, layout: layout, dtype: run.task.dtype) ?? run.result.parameters
            trained = run.trained
        case .native(let run as RunValue):
            guard let model = run.trainedModel else {
                throw call.error("data: and loss: choose a model's data and loss; this run trained a function or a quadratic", argument: argument)
            }
            (task, layout, point, trained) = try Self.modelTarget(model, call, pointArgument)
        case .native(let model as ModelValue):
            (task, layout, point, trained) = try Self.modelTarget(model, call, pointArgument)
        case let other:
            throw call.error("\(argument) must be a function, a Quadratic, a Run, or a Model with data:, not \(other.kindDescription)", argument: argument)
        }
    }

    /// The exact Hessian at the point as an operator.
    var hessian: ClosureOperator { task.hessianOperator(at: point) }

    /// The probe loss and its gradient at the point.
    func valueAndGradient() throws -> (value: Double, gradient: Tensor) {
        var gradient = Tensor(zeros: [task.dimension], dtype: task.dtype)
        let value = try task.probeValueAndGradient(at: point, into: &gradient)
        return (value, gradient)
    }

    /// A vector argument (called `label` in messages) checked against the parameter dimension and
    /// converted to the task's dtype.
    func vector(_ call: BuiltinCall, _ name: String, label: String) throws -> Tensor {
        let v = try call.tensor(name)
        guard v.count == task.dimension else {
            throw call.error("\(label) has \(v.count) elements but there are \(task.dimension) parameters", argument: name)
        }
        return try v.reshaped([task.dimension]).converted(to: task.dtype)
    }

    private static func modelTarget(_ model: ModelValue, _ call: BuiltinCall, _ pointArgument: String?) throws
        -> (TrainingTask, ParameterLayout, Tensor, RunValue.Trained) {
        guard let data = try call.optionalValue("data") else {
            throw call.error("a Model needs data: to measure its loss on", argument: "f", hint: "e.g. grad(model, data: mnist(limit: 100))")
        }
        let dataset = try data.asNative(DatasetValue.self, for: "data")
        let network = try model.network(for: dataset)
        let dtype = try dtypeArgument(call) ?? (model.parameters?.dtype ?? model.pendingParameters?.first?.tensor.dtype ?? .float32)
        let objective = Objective(model: network, loss: try BuiltinRegistry.lossArgument(call, data: dataset), dtype: dtype)
        let task: TrainingTask
        switch dataset.content {
        case .examples(let train, _):
            task = try SupervisedTask(objective: objective, train: train, batchSize: nil, seed: 0)
        case .text(let corpus):
            task = try LanguageModelTask(objective: objective, corpus: corpus, batchSize: 32, sequenceLength: model.sequenceLength ?? 64, seed: 0)
        }
        let given = try point(call, pointArgument, layout: network.layout, dtype: dtype)
        return (task, network.layout, try given ?? model.startingParameters(for: network, dtype: dtype), .model(model, network: network, data: dataset))
    }

    private static func point(_ call: BuiltinCall, _ argument: String?, layout: ParameterLayout, dtype: DType) throws -> Tensor? {
        guard let argument, let value = try call.optionalValue(argument) else { return nil }
        switch value {
        case .tensor(let w):
            guard w.count == layout.dimension else {
                throw call.error("w has \(w.count) elements but there are \(layout.dimension) parameters", argument: "w")
            }
            return try w.reshaped([layout.dimension]).converted(to: dtype)
        case .record(let record):
            let named = try record.fields.map { field -> (name: String, tensor: Tensor) in
                guard case .tensor(let t) = field.value else { throw call.error("w field '\(field.name)' is not a tensor", argument: "w") }
                return (field.name, t)
            }
            do { return try ParameterFile.assemble(named, layout: layout, dtype: dtype, source: "w") } catch let error as NNError {
                throw call.error(error.message, argument: "w")
            }
        case let other:
            throw call.error("w must be a parameter vector or a record of named tensors, not \(other.kindDescription)", argument: "w")
        }
    }

    /// An optional `dtype:` argument ("float32" or "float64"), nil when absent.
    static func dtypeArgument(_ call: BuiltinCall) throws -> DType? {
        guard let name = try call.optionalString("dtype") else { return nil }
        guard let dtype = DType(rawValue: name) else { throw call.error("dtype must be float32 or float64, got \"\(name)\"", argument: "dtype") }
        return dtype
    }
}
