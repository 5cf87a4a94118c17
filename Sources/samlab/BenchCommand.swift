import ArgumentParser
import Foundation
import Tensors

/// `samlab bench`: the performance suite (run it from a release build). `benchmarks/compare.py` runs it
/// once per model next to the JAX reference in `benchmarks/jax/` and prints the two side by side.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time GEMM and the paper's three models (loss+gradient, SAM step, HVP, top-3 Lanczos) at paper size (use a release build).",
        discussion: """
            Rows: sgemm/Tensor.matmul throughput; for mlp, cnn and transformer: 'loss+grad', 'sam step', 'hvp' and \
            'lanczos top-3 (20 hvp)'; 'traced mlp loss+grad' and 'traced mlp hvp': the MLP written in .sam and \
            traced, against the built-in one (ratio in the note). Each row is the median of --repetitions timed runs after one warm-up run. \
            Data are synthetic batches of the paper's shapes. --json prints machine-readable rows (name, median_s, \
            gflops, peak_rss_bytes of the process after the row).
            """)

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    @Option(name: .long, help: "Timed repetitions per row (the median is reported).")
    var repetitions = 5

    @Option(name: .long, help: "Only rows whose name contains this text (e.g. mlp, cnn, transformer, sgemm, hvp).")
    var filter: String?

    @Flag(name: .long, help: "Instead of timing, print the bytes the autodiff programs of each model hold (with buffer reuse, and without), from the compiled programs.")
    var memoryPlan = false

    func run() throws {
        if memoryPlan {
            try MemoryPlan.report(filter: filter) { print($0) }
            return
        }
        let suite = BenchmarkSuite(repetitions: max(1, repetitions), filter: filter)
        let rows = try suite.run(progress: json ? nil : { print($0) })
        if json {
            let report: [String: Any] = [
                "tool": "samlab", "machine": suite.machineDescription, "repetitions": suite.repetitions,
                "rows": rows.map(\.dictionary), "peak_rss_bytes": BenchmarkSuite.peakResidentBytes(),
            ]
            let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
