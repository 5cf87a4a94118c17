import Tensors

/// How image inputs are laid out in a ``Dataset``.
public enum ImageLayout: String, Sendable, CaseIterable {
    /// One row of `H·W·C` values per example, `[N, H·W·C]`, in NHWC order within the row.
    case flat
    /// Images as `[N, H, W, C]` (channels last, as Flax's convolutions expect).
    case nhwc
}

/// How stored integer pixel values become input values.
public enum PixelScaling: String, Sendable, CaseIterable {
    /// Divided by the format's maximum value: `x = p / 255` for 8-bit MNIST and CIFAR-10 pixels,
    /// `x = p / 16` for the 0...16 digits pixels, so every input lies in [0, 1].
    case unitInterval
    /// The stored integers as they are (0...255, or 0...16 for digits).
    case raw

    /// The factor each stored value is multiplied by, for a format whose largest value is `maximum`.
    func factor(maximum: Double) -> Double { self == .unitInterval ? 1 / maximum : 1 }
}

/// Converts unsigned bytes to tensor elements through a 256-entry lookup table (`value = byte · factor`,
/// rounded once to the element type).
struct PixelTable {
    private let values: [Double]

    init(factor: Double) {
        values = (0..<256).map { Double($0) * factor }
    }

    /// The table in element type `T`.
    func typed<T: TensorScalar>(_: T.Type) -> [T] { values.map { T($0) } }

    /// A tensor of `shape` whose element `k` is the converted `bytes[offset + k]`. (The loop is written out
    /// per element type rather than generically so that unoptimised builds, such as test runs, stay fast.)
    func tensor(_ bytes: [UInt8], offset: Int, shape: [Int], dtype: DType) -> Tensor {
        var out = Tensor(zeros: shape, dtype: dtype)
        let n = out.count
        bytes.withUnsafeBufferPointer { src in
            let pixels = src.baseAddress! + offset
            switch dtype {
            case .float32:
                typed(Float.self).withUnsafeBufferPointer { table in
                    out.withMutablePointer(Float.self) { dst in for k in 0..<n { dst[k] = table[Int(pixels[k])] } }
                }
            case .float64:
                values.withUnsafeBufferPointer { table in
                    out.withMutablePointer(Double.self) { dst in for k in 0..<n { dst[k] = table[Int(pixels[k])] } }
                }
            }
        }
        return out
    }
}
