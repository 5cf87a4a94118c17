import Foundation
import Tensors

/// One measured row of `samlab bench`.
struct BenchmarkRow {
    var name: String
    var medianSeconds: Double
    var gflops: Double?
    var note: String
    /// The process's peak resident set size (`getrusage` `ru_maxrss`) right after the row ran.
    var peakRSSBytes: Int = 0

    var dictionary: [String: Any] {
        var d: [String: Any] = ["name": name, "median_s": medianSeconds, "note": note, "peak_rss_bytes": peakRSSBytes]
        if let gflops { d["gflops"] = gflops }
        return d
    }
}

/// The benchmark suite: GEMM throughput against raw `sgemm`, and the paper's three models at paper size
/// (``ModelBenchmark``): loss+gradient, one SAM step, one HVP, top-3 Lanczos with 20 HVPs; then the MLP
/// written in `.sam` and traced (``TracedMLPBenchmark``) against the built-in one.
///
/// Every row is the median of ``repetitions`` timed calls after one untimed warm-up call (which also
/// traces and compiles the model's programs). `--filter` skips the rows it does not match before
/// running them, so `samlab bench --filter mlp` measures the MLP alone (and its peak memory).
struct BenchmarkSuite {
    var repetitions: Int
    var filter: String?

    var machineDescription: String {
        "\(ProcessInfo.processInfo.activeProcessorCount) cores, OpenBLAS \(BLAS.configuration), kernel \(BLAS.coreName), \(BLAS.threadCount) BLAS threads"
    }

    /// Median wall time of `body` over the repetitions, after one warm-up call.
    func time(_ body: () throws -> Void) rethrows -> Double {
        try body()
        var samples: [Double] = []
        for _ in 0..<repetitions { samples.append(try Self.seconds(body)) }
        return Self.median(samples)
    }

    /// Median wall times of two computations measured alternately (a b, b a, a b, …) after one warm-up call
    /// of each, so that a change in machine load during the row affects both alike.
    func timeAlternately(_ a: () throws -> Void, _ b: () throws -> Void) rethrows -> (a: Double, b: Double) {
        try a()
        try b()
        var samplesA: [Double] = [], samplesB: [Double] = []
        for repetition in 0..<repetitions {
            if repetition % 2 == 0 {
                samplesA.append(try Self.seconds(a)); samplesB.append(try Self.seconds(b))
            } else {
                samplesB.append(try Self.seconds(b)); samplesA.append(try Self.seconds(a))
            }
        }
        return (Self.median(samplesA), Self.median(samplesB))
    }

    private static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The median, after printing the samples when `SAMLAB_BENCH_SAMPLES` is set.
    private static func median(_ samples: [Double]) -> Double {
        if ProcessInfo.processInfo.environment["SAMLAB_BENCH_SAMPLES"] != nil {
            FileHandle.standardError.write(Data(("samples: " + samples.map { String(format: "%.1f ms", $0 * 1000) }.joined(separator: ", ") + "\n").utf8))
        }
        return samples.sorted()[samples.count / 2]
    }

    /// Whether the row `name` is selected by `--filter`.
    func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }

    func run(progress: ((String) -> Void)?) throws -> [BenchmarkRow] {
        progress?("machine: \(machineDescription)")
        var rows: [BenchmarkRow] = []
        func record(_ row: BenchmarkRow) {
            var row = row
            row.peakRSSBytes = Self.peakResidentBytes()
            rows.append(row)
            let rate = row.gflops.map { String(format: "%8.1f GFLOP/s", $0) } ?? String(repeating: " ", count: 16)
            let name = row.name.padding(toLength: 34, withPad: " ", startingAt: 0)
            progress?(name + String(format: " %10.2f ms ", row.medianSeconds * 1000) + rate
                      + String(format: " %7.0f MB peak  ", Double(row.peakRSSBytes) / 1e6) + row.note)
        }
        try gemmRows(record: record)
        for make in ModelBenchmark.all {
            // Build the model and its data only when one of its rows is wanted.
            let names = try make().rowNames
            guard names.contains(where: wanted) else { continue }
            try make().run(suite: self, record: record)
        }
        try TracedMLPBenchmark.run(suite: self, record: record)
        return rows
    }

    /// Raw `cblas_sgemm` (the machine's GEMM rate) and `Tensor.matmul` on the same buffers, at 2000³ and at
    /// the MLP's shapes, plus `Tensor.matmul` 2000³ on one thread.
    func gemmRows(record: (BenchmarkRow) -> Void) throws {
        var rng = RandomGenerator(seed: 0)
        for (m, k, n) in [(2000, 2000, 2000), (1000, 1000, 1000), (1000, 784, 1000)] {
            let shape = "\(m)x\(k)x\(n)"
            let rawName = "sgemm \(shape)", wrappedName = "Tensor.matmul \(shape)"
            guard wanted(rawName) || wanted(wrappedName) else { continue }
            let a = rng.normalTensor([m, k]), b = rng.normalTensor([k, n])
            var c = Tensor(zeros: [m, n])
            let flops = 2.0 * Double(m * n * k)
            let raw = time {
                a.withPointer(Float.self) { pa in b.withPointer(Float.self) { pb in c.withMutablePointer(Float.self) { pc in
                    BLAS.gemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1, a: pa, lda: k, b: pb, ldb: n, beta: 0, c: pc, ldc: n)
                } } }
            }
            if wanted(rawName) {
                record(BenchmarkRow(name: rawName, medianSeconds: raw, gflops: flops / raw / 1e9, note: "raw cblas_sgemm, float32: the machine's peak"))
            }
            if wanted(wrappedName) {
                let wrapped = try time { try Tensor.matmul(a, b, into: &c) }
                record(BenchmarkRow(name: wrappedName, medianSeconds: wrapped, gflops: flops / wrapped / 1e9,
                                    note: String(format: "%.1f%% of raw", 100 * raw / wrapped)))
            }
        }
        let singleName = "Tensor.matmul 2000x2000x2000, 1 thread"
        if wanted(singleName) {
            let saved = BLAS.threadCount
            BLAS.threadCount = 1
            defer { BLAS.threadCount = saved }
            let a = rng.normalTensor([2000, 2000]), b = rng.normalTensor([2000, 2000])
            var c = Tensor(zeros: [2000, 2000])
            let single = try time { try Tensor.matmul(a, b, into: &c) }
            record(BenchmarkRow(name: singleName, medianSeconds: single, gflops: 16e9 / single / 1e9, note: "compare with the multi-threaded row"))
        }
    }

    /// The peak resident set size of this process so far, in bytes (Linux reports `ru_maxrss` in KiB).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
    }
}
