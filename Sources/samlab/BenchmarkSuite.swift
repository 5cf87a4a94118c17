import Foundation
import Tensors
import Autodiff

/// One measured row of `samlab bench`.
struct BenchmarkRow {
    var name: String
    var medianSeconds: Double
    var gflops: Double?
    var note: String

    var dictionary: [String: Any] {
        var d: [String: Any] = ["name": name, "median_s": medianSeconds, "note": note]
        if let gflops { d["gflops"] = gflops }
        return d
    }
}

/// The benchmark suite: GEMM throughput against raw `sgemm`, and model loss/gradient/HVP times.
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
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return samples.sorted()[samples.count / 2]
    }

    private func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }

    func run(progress: ((String) -> Void)?) throws -> [BenchmarkRow] {
        progress?("machine: \(machineDescription)")
        var rows: [BenchmarkRow] = []
        func record(_ row: BenchmarkRow) {
            rows.append(row)
            let rate = row.gflops.map { String(format: "%8.1f GFLOP/s", $0) } ?? String(repeating: " ", count: 16)
            let name = row.name.padding(toLength: 40, withPad: " ", startingAt: 0)
            progress?(name + String(format: " %10.2f ms ", row.medianSeconds * 1000) + rate + "  " + row.note)
        }
        for row in try gemmRows() where wanted(row.name) { record(row) }
        if wanted("mlp") { for row in try mlpRows() { record(row) } }
        return rows
    }

    /// `Tensor.matmul` against the same `cblas_sgemm` call on raw buffers, at the MLP's shapes and 2000³.
    func gemmRows() throws -> [BenchmarkRow] {
        var rows: [BenchmarkRow] = []
        var rng = RandomGenerator(seed: 0)
        for (m, k, n) in [(2000, 2000, 2000), (1000, 1000, 1000), (1000, 784, 1000)] {
            let a = rng.normalTensor([m, k]), b = rng.normalTensor([k, n])
            var c = Tensor(zeros: [m, n])
            let flops = 2.0 * Double(m * n * k)
            let raw = time {
                a.withPointer(Float.self) { pa in b.withPointer(Float.self) { pb in c.withMutablePointer(Float.self) { pc in
                    BLAS.gemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1, a: pa, lda: k, b: pb, ldb: n, beta: 0, c: pc, ldc: n)
                } } }
            }
            let wrapped = try time { try Tensor.matmul(a, b, into: &c) }
            rows.append(BenchmarkRow(name: "sgemm raw \(m)x\(k)x\(n)", medianSeconds: raw, gflops: flops / raw / 1e9, note: "peak reference"))
            rows.append(BenchmarkRow(name: "Tensor.matmul \(m)x\(k)x\(n)", medianSeconds: wrapped, gflops: flops / wrapped / 1e9,
                                     note: String(format: "%.1f%% of raw", 100 * raw / wrapped)))
        }
        let saved = BLAS.threadCount
        BLAS.threadCount = 1
        let a = rng.normalTensor([2000, 2000]), b = rng.normalTensor([2000, 2000])
        var c = Tensor(zeros: [2000, 2000])
        let single = try time { try Tensor.matmul(a, b, into: &c) }
        BLAS.threadCount = saved
        rows.append(BenchmarkRow(name: "Tensor.matmul 2000^3, 1 thread", medianSeconds: single, gflops: 16e9 / single / 1e9, note: "compare with the multi-threaded row"))
        return rows
    }

    /// The paper's MLP 784→1000→1000→1000→10 (ReLU, mean squared error to one-hot) on 1000 examples:
    /// loss+gradient (15.2 GFLOP) and HVP, float32, plus resident memory growth over repeated steps.
    func mlpRows() throws -> [BenchmarkRow] {
        let widths = [784, 1000, 1000, 1000, 10], batch = 1000
        var shapes: [(name: String, shape: [Int])] = []
        for i in 0..<(widths.count - 1) {
            shapes.append(("dense_\(i).weight", [widths[i], widths[i + 1]]))
            shapes.append(("dense_\(i).bias", [widths[i + 1]]))
        }
        let layout = ParameterLayout(shapes)
        let f = try DifferentiableFunction(layout: layout, data: [("x", [batch, 784]), ("y", [batch, 10])], dtype: .float32) { p, d in
            var h = d[0]
            for i in 0..<(widths.count - 1) {
                h = try h.matmul(p[2 * i]) + p[2 * i + 1]
                if i < widths.count - 2 { h = h.relu() }
            }
            return try (try h - d[1]).square().mean()
        }
        var rng = RandomGenerator(seed: 1)
        let w = rng.normalTensor([layout.dimension], std: 0.03)
        let x = rng.normalTensor([batch, 784]), y = rng.normalTensor([batch, 10])
        var g = Tensor(zeros: [layout.dimension]), hv = Tensor(zeros: [layout.dimension])
        let v = rng.normalTensor([layout.dimension])
        var gemmFlops = 0.0
        for i in 0..<(widths.count - 1) { gemmFlops += 2.0 * Double(batch * widths[i] * widths[i + 1]) }
        let gradFlops = 3 * gemmFlops - 2.0 * Double(batch * widths[0] * widths[1])
        let gradTime = try time { _ = try f.valueAndGradient(at: w, data: [x, y], into: &g) }
        let hvpTime = try time { try f.hessianVectorProduct(at: w, data: [x, y], vector: v, into: &hv) }
        let before = residentBytes()
        for _ in 0..<10 { _ = try f.valueAndGradient(at: w, data: [x, y], into: &g); try f.hessianVectorProduct(at: w, data: [x, y], vector: v, into: &hv) }
        let growth = Double(residentBytes() - before) / 1e6
        return [
            BenchmarkRow(name: "mlp loss+grad (1000 ex, f32)", medianSeconds: gradTime, gflops: gradFlops / gradTime / 1e9,
                         note: String(format: "%.1f GFLOP", gradFlops / 1e9)),
            BenchmarkRow(name: "mlp hvp (1000 ex, f32)", medianSeconds: hvpTime, gflops: nil,
                         note: String(format: "%.2fx the gradient; RSS growth over 10 more steps %.1f MB", hvpTime / gradTime, growth)),
        ]
    }

    private func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
}
