import Foundation
import XCTest
import Experiments

/// Synthetic runs shaped like the paper's MNIST sweep: λ₁ climbs to min(2/η, E) and hovers there, the
/// SAM edge falls with ‖g‖, eigenvalues are probed every fifth row only, and (η = 0.3, ρ = 1) diverges.
enum PlotTestData {
    static let etas = [0.03, 0.1, 0.3]
    static let rhos = [0.0, 0.1, 0.3, 1.0]

    static func run(eta: Double, rho: Double, rows: Int = 300) -> RunSeries {
        var columns: [MetricColumn: [Double]] = [:]
        var time: [Double] = []
        let diverges = eta == 0.3 && rho == 1.0
        for i in 0..<rows {
            let t = Double(i) * 0.2
            let progress = 1 - exp(-t / 8)
            let g = 2.0 * exp(-t / 25) + 0.05
            let edge = rho > 0 ? g / (2 * rho) * ((1 + 8 * rho / (eta * g)).squareRoot() - 1) : 2 / eta
            let wiggle = 1 + 0.04 * sin(Double(i) * 0.9)
            let lambda1 = min(2 / eta, edge) * (0.15 + 0.85 * progress) * wiggle
            let probed = i % 5 == 0
            var loss = 0.5 * exp(-t / (6 + 40 * rho)) + 1e-3 * (1 + 0.3 * sin(Double(i)))
            if diverges && i > rows / 3 { loss = i > rows / 3 + 3 ? .nan : .infinity }
            time.append(t)
            columns["loss", default: []].append(loss)
            columns["grad_norm", default: []].append(g)
            columns["gd_edge", default: []].append(2 / eta)
            if rho > 0 { columns["sam_edge", default: []].append(edge) }
            columns["lambda_1", default: []].append(probed ? lambda1 : .nan)
            columns["lambda_2", default: []].append(probed ? lambda1 * (rho > 0 ? 0.93 : 0.7) : .nan)
            columns["lambda_3", default: []].append(probed ? lambda1 * (rho > 0 ? 0.88 : 0.5) : .nan)
            columns["align_grad", default: []].append(probed ? 0.15 + 0.1 * abs(sin(Double(i) * 0.37)) : .nan)
            if rho > 0 { columns["align_sam_grad", default: []].append(probed ? 0.45 + 0.25 * abs(sin(Double(i) * 0.21)) * progress : .nan) }
        }
        return RunSeries(label: "SAM η=\(eta) ρ=\(rho)", eta: eta, rho: rho, time: time, columns: columns)
    }

    static var sweep: [RunSeries] { etas.flatMap { eta in rhos.map { run(eta: eta, rho: $0) } } }

    static var sweepCells: [SweepHeatmapCell] {
        etas.flatMap { eta in
            rhos.compactMap { rho -> SweepHeatmapCell? in
                if eta == 0.3 && rho == 1.0 { return SweepHeatmapCell(eta: eta, rho: rho, status: .diverged, value: nil) }
                if eta == 0.03 && rho == 0.3 { return nil }
                if eta == 0.1 && rho == 1.0 { return SweepHeatmapCell(eta: eta, rho: rho, status: .failed, value: nil) }
                return SweepHeatmapCell(eta: eta, rho: rho, status: .done, value: 1e-3 * pow(10, rho * 2) / eta)
            }
        }
    }
}
