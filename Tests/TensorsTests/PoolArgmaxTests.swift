import XCTest
@testable import Tensors

/// The channel-vectorised, threaded max-pool argmax against a direct per-element scan of each window.
final class PoolArgmaxTests: XCTestCase {
    /// The window maxima's offsets, one output element at a time: first in-image position seeds, later
    /// ones win only when strictly greater.
    func reference(_ x: Tensor, _ g: WindowGeometry) -> [Int] {
        let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let v = x.scalars
        var result: [Int] = []
        for b in 0..<n { for oy in 0..<g.outputHeight { for ox in 0..<g.outputWidth { for ch in 0..<c {
            var best = -Double.infinity, bestOffset = -1
            for ky in 0..<g.kernelHeight {
                let y = oy * g.strideY + ky - g.padTop
                guard y >= 0 && y < h else { continue }
                for kx in 0..<g.kernelWidth {
                    let xx = ox * g.strideX + kx - g.padLeft
                    guard xx >= 0 && xx < w else { continue }
                    let off = ((b * h + y) * w + xx) * c + ch
                    if bestOffset < 0 || v[off] > best { best = v[off]; bestOffset = off }
                }
            }
            result.append(bestOffset)
        } } } }
        return result
    }

    func testMatchesDirectScanOnManyGeometries() throws {
        var rng = RandomGenerator(seed: 41)
        let geometries: [(shape: [Int], kh: Int, kw: Int, sy: Int, sx: Int, same: Bool)] = [
            ([3, 8, 8, 16], 2, 2, 2, 2, false), ([2, 7, 9, 5], 2, 2, 2, 2, true), ([2, 7, 9, 3], 3, 3, 2, 1, true),
            ([1, 5, 6, 1], 3, 2, 1, 1, false), ([4, 6, 6, 33], 3, 3, 3, 3, true), ([2, 33, 17, 7], 2, 3, 2, 2, true),
        ]
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        for dtype in DType.allCases {
            for geometry in geometries {
                let g = try WindowGeometry(inputHeight: geometry.shape[1], inputWidth: geometry.shape[2], kernelHeight: geometry.kh,
                                           kernelWidth: geometry.kw, strideY: geometry.sy, strideX: geometry.sx, samePadding: geometry.same)
                // Values on a coarse grid, so windows have ties.
                let x = try Tensor(shape: geometry.shape, scalars: rng.normalTensor(geometry.shape, dtype: .float64).scalars.map { ($0 * 2).rounded() },
                                   dtype: dtype)
                let expected = reference(x, g)
                for threads in [1, 2] {
                    Parallel.maximumThreads = threads
                    var offsets: [Int] = []
                    try x.poolArgmax(g, into: &offsets)
                    XCTAssertEqual(offsets, expected, "\(dtype) \(geometry) threads \(threads)")
                }
            }
        }
    }

    /// Large enough for several threads; the gather through the offsets equals the reference too.
    func testLargePoolingAndGather() throws {
        var rng = RandomGenerator(seed: 42)
        let x = rng.normalTensor([40, 32, 32, 16])
        let g = try WindowGeometry(inputHeight: 32, inputWidth: 32, kernelHeight: 2, kernelWidth: 2, strideY: 2, strideX: 2, samePadding: false)
        var offsets: [Int] = []
        try x.poolArgmax(g, into: &offsets)
        let expected = reference(x, g)
        XCTAssertEqual(offsets, expected)
        var pooled = Tensor(zeros: [40, 16, 16, 16])
        x.gather(flatOffsets: offsets, into: &pooled)
        let values = x.floats
        XCTAssertEqual(pooled.floats, expected.map { values[$0] })
    }

    /// A NaN that seeds a window stays its maximum; a later NaN never replaces a number (as the scan).
    func testNaNFollowsTheScanRule() throws {
        let g = try WindowGeometry(inputHeight: 2, inputWidth: 2, kernelHeight: 2, kernelWidth: 2, strideY: 2, strideX: 2, samePadding: false)
        for values in [[Double.nan, 1, 2, 3], [1, .nan, 5, 2], [4, 3, .nan, 2]] {
            let x = try Tensor(shape: [1, 2, 2, 1], scalars: values, dtype: .float32)
            var offsets: [Int] = []
            try x.poolArgmax(g, into: &offsets)
            XCTAssertEqual(offsets, reference(x, g), "\(values)")
        }
    }
}
