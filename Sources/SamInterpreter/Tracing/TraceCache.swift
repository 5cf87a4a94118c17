import Autodiff
import SamLanguage
import Tensors

/// A `.sam` function of tensors traced once into a ``DifferentiableFunction``: its value, gradient and exact
/// forward-over-reverse Hessian-vector products then run as compiled autodiff programs, without the
/// interpreter.
final class TracedFunction {
    /// The compiled function of the flat parameter vector and the data tensors.
    let function: DifferentiableFunction
    /// The values the function read from its enclosing scopes when it was traced.
    let captures: CaptureSnapshot

    init(function: DifferentiableFunction, captures: CaptureSnapshot) {
        self.function = function
        self.captures = captures
    }

    /// Traces `callee(w, data...)`: `w` is one traced tensor (or a list of them when `isList`), each data
    /// tensor a traced input bound at every evaluation.
    static func trace(_ callee: Function, shapes: [[Int]], isList: Bool, dataShapes: [[Int]], dtype: DType,
                      call: BuiltinCall) throws -> TracedFunction {
        guard !shapes.isEmpty else { throw RuntimeError("a function needs at least one parameter tensor to differentiate") }
        let captures: CaptureSnapshot
        if case .closure(let closure) = callee { captures = CaptureSnapshot(closure) } else { captures = CaptureSnapshot() }
        let layout = ParameterLayout(shapes.enumerated().map { ("w\($0.offset)", $0.element) })
        let function = try DifferentiableFunction(layout: layout, data: dataShapes.enumerated().map { ("arg\($0.offset)", $0.element) },
                                                  dtype: dtype) { parameters, data in
            let session = TraceSession(graph: parameters[0].graph, dtype: dtype)
            defer { session.isActive = false }
            let argument = isList ? Value.list(parameters.map(session.wrap)) : session.wrap(parameters[0])
            let result = try call.call(callee, [argument] + data.map(session.wrap))
            return try session.scalarOutput(result, function: callee.name)
        }
        return TracedFunction(function: function, captures: captures)
    }
}

/// The traced functions of one interpreter context, by function and argument shapes, so that repeated
/// `grad`/`hvp` calls reuse one compiled program. An entry is used only while the values its function
/// captured are unchanged (``CaptureSnapshot``); the least recently used entry is dropped beyond
/// ``capacity``.
final class TraceCache {
    /// The most traced functions kept.
    static let capacity = 32

    /// A closure by identity, a builtin by name.
    private enum Identity: Hashable {
        case closure(ObjectIdentifier)
        case builtin(String)
    }

    private struct Key: Hashable {
        var function: Identity
        var shapes: [[Int]]
        var isList: Bool
        var dataShapes: [[Int]]
        var dtype: DType
    }

    private var entries: [Key: (callee: Function, traced: TracedFunction)] = [:]
    private var order: [Key] = []

    /// The traced function for these shapes, tracing it when there is no current entry.
    func traced(_ callee: Function, shapes: [[Int]], isList: Bool, dataShapes: [[Int]], dtype: DType, call: BuiltinCall) throws -> TracedFunction {
        let identity: Identity
        switch callee {
        case .closure(let closure): identity = .closure(ObjectIdentifier(closure))
        case .builtin(let builtin): identity = .builtin(builtin.name)
        }
        let key = Key(function: identity, shapes: shapes, isList: isList, dataShapes: dataShapes, dtype: dtype)
        order.removeAll { $0 == key }
        if let entry = entries[key], entry.traced.captures.isCurrent {
            order.append(key)
            return entry.traced
        }
        entries[key] = nil
        let traced = try TracedFunction.trace(callee, shapes: shapes, isList: isList, dataShapes: dataShapes, dtype: dtype, call: call)
        // The entry keeps the closure alive, so its identity is not reused by another closure.
        entries[key] = (callee, traced)
        order.append(key)
        if order.count > Self.capacity { entries[order.removeFirst()] = nil }
        return traced
    }
}
