import Tensors

extension Graph {
    /// Reverse mode: the cotangents of `inputs` given cotangents of `outputs`, as new nodes of this graph.
    /// An input the outputs do not depend on gets an explicit zero.
    public func gradients(of outputs: [Var], cotangents: [Var], wrt inputs: [Var]) throws -> [Var] {
        precondition(outputs.count == cotangents.count, "one cotangent per output")
        let last = outputs.map(\.id).max() ?? -1
        var adjoint = [Var?](repeating: nil, count: last + 1)
        for (y, ct) in zip(outputs, cotangents) {
            guard ct.shape == y.shape else { throw TensorError("vjp: cotangent \(describeShape(ct.shape)) for output \(describeShape(y.shape))") }
            adjoint[y.id] = try accumulate(adjoint[y.id], ct)
        }
        let needed = dependencies(of: outputs, from: inputs)
        for id in stride(from: last, through: 0, by: -1) {
            guard let ct = adjoint[id], needed[id] else { continue }
            let node = nodes[id]
            if node.inputs.isEmpty { continue }
            let contributions = try DerivativeRules.vjp(node, variable(id), node.inputs.map(variable), ct)
            for (operand, c) in zip(node.inputs, contributions) {
                if let c { adjoint[operand] = try accumulate(adjoint[operand], c) }
            }
        }
        return inputs.map { x in (x.id < adjoint.count ? adjoint[x.id] : nil) ?? fill(0, shape: x.shape, dtype: x.dtype) }
    }

    /// The gradient of a scalar (one-element) output with respect to `inputs`.
    public func gradients(of output: Var, wrt inputs: [Var]) throws -> [Var] {
        guard output.shape.reduce(1, *) == 1 else { throw TensorError("grad: output must be a scalar, got shape \(describeShape(output.shape))") }
        return try gradients(of: [output], cotangents: [fill(1, shape: output.shape, dtype: output.dtype)], wrt: inputs)
    }

    /// Forward mode: the tangents of `outputs` when `inputs` move along `tangents`, as new nodes.
    public func jvp(of outputs: [Var], wrt inputs: [Var], tangents: [Var]) throws -> [Var] {
        precondition(inputs.count == tangents.count, "one tangent per input")
        let last = outputs.map(\.id).max() ?? -1
        var tangent = [Var?](repeating: nil, count: max(last + 1, 0))
        for (x, t) in zip(inputs, tangents) where x.id <= last {
            guard t.shape == x.shape else { throw TensorError("jvp: tangent \(describeShape(t.shape)) for input \(describeShape(x.shape))") }
            tangent[x.id] = t
        }
        let inputIDs = Set(inputs.map(\.id))
        let needed = dependencies(of: outputs, from: inputs)
        for id in 0..<tangent.count where needed[id] && !inputIDs.contains(id) {
            let node = nodes[id]
            if node.inputs.isEmpty { continue }
            tangent[id] = try DerivativeRules.jvp(node, variable(id), node.inputs.map(variable), node.inputs.map { tangent[$0] })
        }
        return outputs.map { y in tangent[y.id] ?? fill(0, shape: y.shape, dtype: y.dtype) }
    }

    /// Nodes that lie on a differentiable path from one of `inputs` to one of `outputs`.
    private func dependencies(of outputs: [Var], from inputs: [Var]) -> [Bool] {
        let last = outputs.map(\.id).max() ?? -1
        var fromInput = [Bool](repeating: false, count: last + 1)
        for x in inputs where x.id <= last { fromInput[x.id] = true }
        if last >= 0 {
            for id in 0...last where !fromInput[id] {
                // Derivatives do not flow through stopGradient, so nothing downstream of it depends on the inputs through it.
                if case .stopGradient = nodes[id].primitive { continue }
                fromInput[id] = nodes[id].inputs.contains { fromInput[$0] }
            }
        }
        var toOutput = [Bool](repeating: false, count: last + 1)
        for y in outputs { toOutput[y.id] = true }
        for id in stride(from: last, through: 0, by: -1) where toOutput[id] {
            for operand in nodes[id].inputs { toOutput[operand] = true }
        }
        return zip(fromInput, toOutput).map { $0 && $1 }
    }

    private func accumulate(_ existing: Var?, _ new: Var) throws -> Var {
        guard let existing else { return new }
        return try existing + new
    }
}
