/// Geometry of a 2-D sliding window over NHWC images: kernel size, stride and zero padding.
public struct WindowGeometry: Hashable, Sendable {
    public var kernelHeight: Int, kernelWidth: Int
    public var strideY: Int, strideX: Int
    public var padTop: Int, padLeft: Int
    public var outputHeight: Int, outputWidth: Int
    public var inputHeight: Int, inputWidth: Int

    /// A window over an `inputHeight × inputWidth` image. With `samePadding`, outputs are
    /// `ceil(input / stride)` and the padding is split as TensorFlow/JAX "SAME" does (extra at the end).
    public init(inputHeight: Int, inputWidth: Int, kernelHeight: Int, kernelWidth: Int,
                strideY: Int = 1, strideX: Int = 1, samePadding: Bool) throws {
        guard kernelHeight > 0, kernelWidth > 0, strideY > 0, strideX > 0 else {
            throw TensorError("window: kernel \(kernelHeight)x\(kernelWidth) and stride \(strideY)x\(strideX) must be positive")
        }
        self.inputHeight = inputHeight; self.inputWidth = inputWidth
        self.kernelHeight = kernelHeight; self.kernelWidth = kernelWidth
        self.strideY = strideY; self.strideX = strideX
        if samePadding {
            outputHeight = (inputHeight + strideY - 1) / strideY
            outputWidth = (inputWidth + strideX - 1) / strideX
            padTop = Swift.max(0, (outputHeight - 1) * strideY + kernelHeight - inputHeight) / 2
            padLeft = Swift.max(0, (outputWidth - 1) * strideX + kernelWidth - inputWidth) / 2
        } else {
            outputHeight = (inputHeight - kernelHeight) / strideY + 1
            outputWidth = (inputWidth - kernelWidth) / strideX + 1
            padTop = 0; padLeft = 0
        }
        guard outputHeight > 0, outputWidth > 0 else {
            throw TensorError("window: kernel \(kernelHeight)x\(kernelWidth) does not fit a \(inputHeight)x\(inputWidth) image")
        }
    }
}

extension Tensor {
    /// im2col for NHWC input `[N, H, W, C]`: rows are output pixels `[N·OH·OW]`, columns are window
    /// entries in `(ky, kx, c)` order `[kh·kw·C]`; out-of-image entries are zero. Convolution is then one
    /// GEMM with a `[kh·kw·C, Cout]` kernel matrix.
    public func im2col(_ g: WindowGeometry, into out: inout Tensor) throws {
        guard rank == 4, shape[1] == g.inputHeight, shape[2] == g.inputWidth else {
            throw TensorError("im2col: input \(describeShape(shape)) is not [N, \(g.inputHeight), \(g.inputWidth), C]")
        }
        let cols = [shape[0] * g.outputHeight * g.outputWidth, g.kernelHeight * g.kernelWidth * shape[3]]
        guard out.shape == cols, out.dtype == dtype else { throw TensorError("im2col: output \(describeShape(out.shape)) for \(describeShape(cols))") }
        out.makeUnique()
        switch dtype {
        case .float32: Tensor.windowCopy(Float.self, g, imageShape: shape, image: storage.base, columns: out.storage.base, toColumns: true)
        case .float64: Tensor.windowCopy(Double.self, g, imageShape: shape, image: storage.base, columns: out.storage.base, toColumns: true)
        }
    }

    /// col2im, the transpose of ``im2col(_:into:)``: accumulates column entries back into an NHWC image
    /// of shape `imageShape` (written into `out`, which is overwritten).
    public func col2im(_ g: WindowGeometry, imageShape: [Int], into out: inout Tensor) throws {
        guard imageShape.count == 4, out.shape == imageShape, out.dtype == dtype,
              shape == [imageShape[0] * g.outputHeight * g.outputWidth, g.kernelHeight * g.kernelWidth * imageShape[3]] else {
            throw TensorError("col2im: columns \(describeShape(shape)) do not match image \(describeShape(imageShape))")
        }
        out.fill(0)
        switch dtype {
        case .float32: Tensor.windowCopy(Float.self, g, imageShape: imageShape, image: out.storage.base, columns: storage.base, toColumns: false)
        case .float64: Tensor.windowCopy(Double.self, g, imageShape: imageShape, image: out.storage.base, columns: storage.base, toColumns: false)
        }
    }

    /// Copies between an image and its column matrix: image → columns, or columns added into the image.
    /// The caller owns both buffers uniquely for writing. Images are split over threads: each image's
    /// rows and pixels are written by one thread in the serial order, so overlapping windows add up the
    /// same way.
    private static func windowCopy<T: TensorScalar>(_: T.Type, _ g: WindowGeometry, imageShape shape: [Int],
                                                     image imageBase: UnsafeMutableRawPointer, columns columnBase: UnsafeMutableRawPointer,
                                                     toColumns: Bool) {
        let n = shape[0], h = shape[1], w = shape[2], c = shape[3]
        let rowLength = g.kernelHeight * g.kernelWidth * c, rowsPerImage = g.outputHeight * g.outputWidth
        let image = imageBase.assumingMemoryBound(to: T.self)
        let cols = columnBase.assumingMemoryBound(to: T.self)
        Parallel.forEachRange(n, cost: rowsPerImage * rowLength, alignment: 1) { images in
            for b in images {
                var row = b * rowsPerImage
                for oy in 0..<g.outputHeight {
                    for ox in 0..<g.outputWidth {
                        // Per kernel row, the in-image pixels are consecutive in NHWC: one contiguous span.
                        let x0 = ox * g.strideX - g.padLeft
                        let first = Swift.max(0, -x0), end = Swift.min(g.kernelWidth, w - x0)
                        for ky in 0..<g.kernelHeight {
                            let y = oy * g.strideY + ky - g.padTop
                            let column = cols + row * rowLength + ky * g.kernelWidth * c
                            guard y >= 0 && y < h && first < end else {
                                if toColumns { column.update(repeating: 0, count: g.kernelWidth * c) }
                                continue
                            }
                            let pixels = image + ((b * h + y) * w + x0 + first) * c, span = column + first * c, count = (end - first) * c
                            if toColumns {
                                column.update(repeating: 0, count: first * c)
                                span.update(from: pixels, count: count)
                                (span + count).update(repeating: 0, count: (g.kernelWidth - end) * c)
                            } else {
                                for i in 0..<count { pixels[i] += span[i] }
                            }
                        }
                        row += 1
                    }
                }
            }
        }
    }
}
