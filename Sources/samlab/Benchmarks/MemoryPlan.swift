import Autodiff
import Foundation
import NN
import Tensors

/// `samlab bench --memory-plan`: for each paper model, how many bytes the autodiff ``Program``s of
/// loss+gradient and HVP hold, computed from the traced graphs without running them.
///
/// A ``Program`` gives every scheduled node its own buffer for the program's lifetime (reshape and
/// stopGradient alias their operand; constants hold their tensor). `allocated` is that total. `live peak`
/// is what the same schedule would need if a node's buffer were released after its last use (aliases
/// extending their root's life, outputs kept to the end), i.e. the memory of a liveness-based buffer
/// reuse; the gap between the two is what such reuse would save. The largest primitives by allocated
/// bytes show where the memory goes.
struct MemoryPlan {
    struct Summary {
        var nodes = 0
        var allocated = 0
        var livePeak = 0
        var byPrimitive: [String: Int] = [:]
    }

    /// The summary of a program over `graph` computing `outputs` from `inputs`, scheduled as `Program` does.
    static func summarize(graph: Graph, inputs: [Var], outputs: [Var]) -> Summary {
        let nodes = graph.nodes
        let last = outputs.map(\.id).max() ?? -1
        let inputIDs = Set(inputs.map(\.id))
        var needed = [Bool](repeating: false, count: last + 1)
        for y in outputs { needed[y.id] = true }
        if last >= 0 {
            for id in stride(from: last, through: 0, by: -1) where needed[id] && !inputIDs.contains(id) {
                for operand in nodes[id].inputs { needed[operand] = true }
            }
        }
        let schedule = (0..<(last + 1)).filter { needed[$0] && !inputIDs.contains($0) }
        // Storage root of each node: aliases share their operand's buffer; inputs are owned by the caller.
        var root = Array(0..<(last + 1))
        var owned = [Bool](repeating: false, count: last + 1)
        var summary = Summary()
        for id in schedule {
            let node = nodes[id]
            switch node.primitive {
            case .reshape, .stopGradient:
                root[id] = root[node.inputs[0]]
            default:
                owned[id] = true
                let bytes = node.shape.reduce(1, *) * node.dtype.byteSize
                summary.allocated += bytes
                summary.byPrimitive[node.primitive.name, default: 0] += bytes
            }
            summary.nodes += 1
        }
        // Last use of each root (outputs, constants and fills live to the end).
        var lastUse = [Int](repeating: -1, count: last + 1)
        for (step, id) in schedule.enumerated() {
            lastUse[root[id]] = max(lastUse[root[id]], step)
            for operand in nodes[id].inputs { lastUse[root[operand]] = max(lastUse[root[operand]], step) }
        }
        for y in outputs { lastUse[root[y.id]] = schedule.count }
        var releases = [[Int]](repeating: [], count: schedule.count + 1)
        for id in schedule where owned[id] {
            switch nodes[id].primitive {
            case .constant, .fill: lastUse[id] = schedule.count
            default: break
            }
            releases[max(lastUse[id], 0)].append(id)
        }
        var live = 0
        for (step, id) in schedule.enumerated() {
            if owned[id] { live += nodes[id].shape.reduce(1, *) * nodes[id].dtype.byteSize }
            summary.livePeak = max(summary.livePeak, live)
            for released in releases[step] { live -= nodes[released].shape.reduce(1, *) * nodes[released].dtype.byteSize }
        }
        return summary
    }

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
                ("loss+grad", summarize(graph: graph, inputs: f.parameters + f.data, outputs: [f.output] + grads)),
                ("hvp", summarize(graph: graph, inputs: f.parameters + f.data + tangents, outputs: hv)),
            ]
            for (name, plan) in plans {
                let top = plan.byPrimitive.sorted { $0.value > $1.value }.prefix(5)
                    .map { String(format: "%@ %.0f MB", $0.key, Double($0.value) / 1e6) }.joined(separator: ", ")
                print(String(format: "%@ %@: %d nodes, allocated %.0f MB, live peak with reuse %.0f MB; largest: %@",
                             benchmark.key, name, plan.nodes, Double(plan.allocated) / 1e6, Double(plan.livePeak) / 1e6, top))
            }
        }
    }
}
