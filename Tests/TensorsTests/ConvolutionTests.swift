import XCTest
@testable import Tensors
import TestSupport

final class ConvolutionTests: XCTestCase {
    /// Convolution by im2col + GEMM against a direct sum over the window, with "same" padding.
    func testIm2colConvolutionMatchesDirectConvolution() throws {
        var rng = RandomGenerator(seed: 5)
        let (n, h, w, c, co) = (2, 5, 6, 3, 4)
        let x = rng.normalTensor([n, h, w, c], dtype: .float64)
        let k = rng.normalTensor([3, 3, c, co], dtype: .float64)
        let g = try WindowGeometry(inputHeight: h, inputWidth: w, kernelHeight: 3, kernelWidth: 3, samePadding: true)
        var cols = Tensor(zeros: [n * h * w, 9 * c], dtype: .float64)
        try x.im2col(g, into: &cols)
        let y = try Tensor.matmul(cols, k.reshaped([9 * c, co])).reshaped([n, h, w, co])
        let xv = x.scalars, kv = k.scalars, yv = y.scalars
        for b in 0..<n { for i in 0..<h { for j in 0..<w { for o in 0..<co {
            var s = 0.0
            for dy in 0..<3 { for dx in 0..<3 { for ch in 0..<c {
                let yy = i + dy - 1, xx = j + dx - 1
                if yy >= 0 && yy < h && xx >= 0 && xx < w { s += xv[((b * h + yy) * w + xx) * c + ch] * kv[((dy * 3 + dx) * c + ch) * co + o] }
            } } }
            XCTAssertTrue(isClose(yv[((b * h + i) * w + j) * co + o], s, rtol: 1e-12, atol: 1e-12))
        } } } }
    }

    /// col2im is the transpose of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩.
    func testCol2imIsTheTransposeOfIm2col() throws {
        var rng = RandomGenerator(seed: 6)
        let g = try WindowGeometry(inputHeight: 4, inputWidth: 5, kernelHeight: 3, kernelWidth: 3, strideY: 2, strideX: 1, samePadding: true)
        let x = rng.normalTensor([2, 4, 5, 3], dtype: .float64)
        var cols = Tensor(zeros: [2 * g.outputHeight * g.outputWidth, 27], dtype: .float64)
        try x.im2col(g, into: &cols)
        let c = rng.normalTensor(cols.shape, dtype: .float64)
        var back = Tensor(zeros: x.shape, dtype: .float64)
        try c.col2im(g, imageShape: x.shape, into: &back)
        XCTAssertTrue(isClose(try cols.dot(c), try x.dot(back), rtol: 1e-12))
    }

    /// im2col and col2im (contiguous spans per kernel row, images split over threads) against entry-by-entry
    /// index arithmetic, for strides, paddings and sizes where windows overhang every edge.
    func testWindowCopiesMatchEntryByEntryReference() throws {
        var rng = RandomGenerator(seed: 8)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        let cases: [(shape: [Int], kh: Int, kw: Int, sy: Int, sx: Int, same: Bool)] = [
            ([3, 7, 6, 3], 3, 3, 1, 1, true), ([2, 5, 9, 2], 3, 4, 2, 3, true), ([2, 6, 6, 5], 2, 2, 2, 2, false),
            ([1, 4, 3, 1], 5, 5, 1, 1, true), ([40, 17, 15, 16], 3, 3, 1, 1, true),
        ]
        for dtype in DType.allCases {
            for k in cases {
                let (n, h, w, c) = (k.shape[0], k.shape[1], k.shape[2], k.shape[3])
                let g = try WindowGeometry(inputHeight: h, inputWidth: w, kernelHeight: k.kh, kernelWidth: k.kw,
                                           strideY: k.sy, strideX: k.sx, samePadding: k.same)
                let x = rng.normalTensor(k.shape, dtype: dtype), xv = x.scalars
                let rows = n * g.outputHeight * g.outputWidth, rowLength = k.kh * k.kw * c
                let columns = rng.normalTensor([rows, rowLength], dtype: dtype), cv = columns.scalars
                var expectedColumns = [Double](repeating: 0, count: rows * rowLength), expectedImage = [Double](repeating: 0, count: xv.count)
                var row = 0
                for b in 0..<n { for oy in 0..<g.outputHeight { for ox in 0..<g.outputWidth {
                    for ky in 0..<k.kh { for kx in 0..<k.kw { for ch in 0..<c {
                        let y = oy * k.sy + ky - g.padTop, xx = ox * k.sx + kx - g.padLeft
                        guard y >= 0 && y < h && xx >= 0 && xx < w else { continue }
                        let entry = row * rowLength + (ky * k.kw + kx) * c + ch, pixel = ((b * h + y) * w + xx) * c + ch
                        expectedColumns[entry] = xv[pixel]
                        expectedImage[pixel] += cv[entry]
                    } } }
                    row += 1
                } } }
                for threads in [1, 2] {
                    Parallel.maximumThreads = threads
                    var cols = Tensor(repeating: 7, shape: [rows, rowLength], dtype: dtype)
                    try x.im2col(g, into: &cols)
                    XCTAssertEqual(cols.scalars, expectedColumns, "im2col \(dtype) \(k) threads \(threads)")
                    var image = Tensor(repeating: 7, shape: k.shape, dtype: dtype)
                    try columns.col2im(g, imageShape: k.shape, into: &image)
                    XCTAssertNil(firstMismatch(image.scalars, expectedImage, rtol: dtype == .float32 ? 1e-6 : 1e-15, atol: 1e-6),
                                 "col2im \(dtype) \(k) threads \(threads)")
                }
            }
        }
    }

    func testMaxPoolArgmaxGatherAndScatter() throws {
        let x = try Tensor(shape: [1, 2, 4, 1], scalars: [1, 5, 2, 0, 3, 4, 7, 8], dtype: .float64)
        let g = try WindowGeometry(inputHeight: 2, inputWidth: 4, kernelHeight: 2, kernelWidth: 2, strideY: 2, strideX: 2, samePadding: false)
        var offsets: [Int] = []
        try x.poolArgmax(g, into: &offsets)
        XCTAssertEqual(offsets, [1, 7])
        var pooled = Tensor(zeros: [1, 1, 2, 1], dtype: .float64)
        x.gather(flatOffsets: offsets, into: &pooled)
        XCTAssertEqual(pooled.scalars, [5, 8])
        var back = Tensor(zeros: x.shape, dtype: .float64)
        Tensor([10.0, 20.0]).scatterAdd(flatOffsets: offsets, into: &back)
        XCTAssertEqual(back.scalars, [0, 10, 0, 0, 0, 0, 0, 20])
    }

    func testEmbeddingRowsAndTranspose() throws {
        let table = try Tensor(shape: [3, 2], scalars: [0, 1, 10, 11, 20, 21], dtype: .float64)
        let ids = try Tensor(shape: [2, 2], scalars: [2, 0, 2, 1], dtype: .float64)
        var out = Tensor(zeros: [2, 2, 2], dtype: .float64)
        try table.gatherRows(ids: ids, into: &out)
        XCTAssertEqual(out.scalars, [20, 21, 0, 1, 20, 21, 10, 11])
        var grad = Tensor(zeros: [3, 2], dtype: .float64)
        try Tensor(repeating: 1, shape: [2, 2, 2], dtype: .float64).scatterAddRows(ids: ids, into: &grad)
        XCTAssertEqual(grad.scalars, [1, 1, 1, 1, 2, 2])
        XCTAssertThrowsError(try table.gatherRows(ids: Tensor([5.0]), into: &out))
    }
}
