import ArgumentParser
import Foundation
import Tensors

/// `samlab bench`: the performance suite (run it from a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure GEMM throughput and loss/gradient/HVP times of the paper's models (use a release build).")

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    @Option(name: .long, help: "Timed repetitions per row (the median is reported).")
    var repetitions = 5

    @Option(name: .long, help: "Only rows whose name contains this text.")
    var filter: String?

    func run() throws {
        let suite = BenchmarkSuite(repetitions: max(1, repetitions), filter: filter)
        let rows = try suite.run(progress: json ? nil : { print($0) })
        if json {
            let data = try JSONSerialization.data(withJSONObject: ["machine": suite.machineDescription, "rows": rows.map(\.dictionary)], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
