import Autodiff
import Foundation
import NN
import Tensors

/// `samlab bench --memory-plan`: for each paper model, the memory of the autodiff ``Program``s of
/// loss+gradient and HVP, read from the compiled programs without running them: `with reuse` is what a
/// program holds (its buffer slots, reused by liveness), `without reuse` what it would hold if every
/// intermediate kept its own buffer; the largest primitives by their results' bytes show where the memory goes.
enum MemoryPlan {
    /// Prints the loss+gradient and HVP plans of each benchmark model matching `filter`.
    static func report(filter: String?, print: (String) -> Void) throws {
        for make in ModelBenchmark.all {
            let benchmark = try make()
            if let filter, !benchmark.key.contains(filter) { continue }
            let objective = Objective(model: benchmark.model, loss: benchmark.loss, dtype: .float32)
            let f = try objective.function(inputShape: benchmark.inputs.shape, targetShape: benchmark.targets.shape)
            let graph = f.graph
            let grads = try graph.gradients(of: f.output, wrt: f.parameters)
            let tangents = f.layout.entries.map { graph.input("plan-tangent:" + $0.name, shape: $0.shape, dtype: .float32) }
            let hv = try graph.jvp(of: grads, wrt: f.parameters, tangents: tangents)
            let plans = [
                ("loss+grad", try Program(graph: graph, inputs: f.parameters + f.data, outputs: [f.output] + grads)),
                ("hvp", try Program(graph: graph, inputs: f.parameters + f.data + tangents, outputs: hv)),
            ]
            for (name, program) in plans {
                let byPrimitive = program.bytesByPrimitive
                let unshared = byPrimitive.values.reduce(0, +)
                let top = byPrimitive.sorted { $0.value > $1.value }.prefix(5)
                    .map { String(format: "%@ %.0f MB", $0.key, Double($0.value) / 1e6) }.joined(separator: ", ")
                print(String(format: "%@ %@: %d nodes, with reuse %.0f MB, without reuse %.0f MB; largest: %@",
                             benchmark.key, name, program.scheduledNodeCount, Double(program.slotBytes) / 1e6, Double(unshared) / 1e6, top))
            }
        }
    }
}
