import Tensors

/// Seeded synthetic datasets for tests and toy experiments. Every random draw comes from one
/// `RandomGenerator(seed: seed)` in the documented order and is computed in `Double`, then converted to
/// `dtype`, so a seed fixes the data exactly.
public enum SyntheticData {
    /// Regression with a random linear teacher: `y = x·W + ε`.
    ///
    /// Draw order: the teacher `W ∈ ℝ^{d×k}` with entries `N(0, 1/d)` (so `y` has variance about 1 per output),
    /// then the inputs `x ∈ ℝ^{N×d}` with entries `N(0, 1)`, then the noise `ε ∈ ℝ^{N×k}` with entries
    /// `N(0, noiseStd²)`. Returns the regression dataset (targets `[N, k]`) and the teacher (float64).
    public static func linearRegression(count: Int, inputDimension d: Int, outputDimension k: Int = 1, noiseStd: Double = 0.1,
                                        seed: UInt64, dtype: DType = .float32) throws -> (dataset: Dataset, teacher: Tensor) {
        guard count > 0, d > 0, k > 0, noiseStd >= 0 else {
            throw DatasetError.invalidArgument("linear regression: count, input and output dimensions must be positive and noiseStd ≥ 0")
        }
        var rng = RandomGenerator(seed: seed)
        let teacher = rng.normalTensor([d, k], std: 1 / Double(d).squareRoot(), dtype: .float64)
        let x = rng.normalTensor([count, d], dtype: .float64)
        let noise = rng.normalTensor([count, k], std: noiseStd, dtype: .float64)
        let y = try Tensor.matmul(x, teacher) + noise
        let dataset = try Dataset(name: "linear-regression", inputs: x.converted(to: dtype), targets: y.converted(to: dtype))
        return (dataset, teacher)
    }

    /// Classification of Gaussian blobs: class `c` has a centre `μ_c` and its examples are `μ_c + clusterStd · z`,
    /// `z ~ N(0, I)`.
    ///
    /// Draw order: the centres `μ ∈ ℝ^{C×d}` with entries `N(0, centerStd²)`; then a permutation of the labels
    /// `i mod C` (`i = 0..<N`, so classes are balanced to within one example and shuffled); then each example's
    /// offsets `z` in example order.
    public static func gaussianBlobs(count: Int, classes: Int, dimension d: Int, centerStd: Double = 3, clusterStd: Double = 1,
                                     seed: UInt64, dtype: DType = .float32) throws -> Dataset {
        guard count > 0, classes > 0, d > 0, centerStd >= 0, clusterStd >= 0 else {
            throw DatasetError.invalidArgument("gaussian blobs: count, classes and dimension must be positive and the deviations ≥ 0")
        }
        var rng = RandomGenerator(seed: seed)
        let centres = rng.normalTensor([classes, d], std: centerStd, dtype: .float64).scalars
        let labels = rng.permutation(count).map { $0 % classes }
        var values = [Double](repeating: 0, count: count * d)
        for i in 0..<count {
            for j in 0..<d { values[i * d + j] = centres[labels[i] * d + j] + clusterStd * rng.normal() }
        }
        let inputs = try Tensor(shape: [count, d], scalars: values, dtype: dtype)
        return try Dataset(name: "gaussian-blobs", inputs: inputs, labels: labels, numClasses: classes)
    }
}
