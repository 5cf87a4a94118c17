import Tensors

/// Input transformations. Each works per feature (per input coordinate: per pixel and channel for images),
/// accumulates in `Double`, and returns a new dataset with unchanged targets.
///
/// Statistics must come from the *training* split and be applied unchanged to the test split:
/// `let test = try rawTest.centered(using: train.mean)` — never `rawTest.centered()`.
extension Dataset {
    /// The per-feature mean over examples, `mean[j] = (1/N) Σᵢ x[i, j]`, shaped like one example
    /// (``featureShape``), in the inputs' dtype. Computed on each access (one pass over the inputs); zeros
    /// for an empty dataset.
    public var mean: Tensor {
        let sums = featureSums()
        let n = Double(Swift.max(count, 1))
        return try! Tensor(shape: featureShape, scalars: sums.map { $0 / n }, dtype: dtype)
    }

    /// The per-feature population standard deviation over examples,
    /// `std[j] = sqrt((1/N) Σᵢ (x[i, j] − mean[j])²)` (two passes: mean first, then squared deviations),
    /// shaped like one example, in the inputs' dtype.
    public var standardDeviation: Tensor {
        let squares = featureSums(squaredAround: mean.scalars)
        let n = Double(Swift.max(count, 1))
        return try! Tensor(shape: featureShape, scalars: squares.map { ($0 / n).squareRoot() }, dtype: dtype)
    }

    /// The inputs with the training mean removed: `x'[i, j] = x[i, j] − mean[j]`.
    ///
    /// `mean` must have ``featureCount`` elements (any shape, e.g. another split's ``mean``). For the paper's
    /// "centred" data, centre the training split with its own mean and the test split with the *same* mean.
    public func centered(using mean: Tensor) throws -> Dataset {
        try affinePerFeature(shift: checkedFeatureVector(mean, role: "mean"), scale: nil)
    }

    /// The inputs centred with this dataset's own ``mean`` (use for the training split).
    public func centered() -> Dataset {
        try! centered(using: mean)
    }

    /// The inputs multiplied by `factor`: `x' = factor · x` (e.g. `1/255` maps 8-bit pixels to [0, 1]).
    public func scaled(by factor: Double) -> Dataset {
        withInputs(inputs.affine(scale: factor))
    }

    /// Standardised inputs: `x'[i, j] = (x[i, j] − mean[j]) / s[j]` with `s[j] = standardDeviation[j]` when it
    /// exceeds `epsilon` and `s[j] = 1` otherwise, so constant features (e.g. MNIST's border pixels) are only
    /// centred, never divided by zero. Pass the *training* split's statistics for every split.
    public func standardized(mean: Tensor, standardDeviation: Tensor, epsilon: Double = 1e-8) throws -> Dataset {
        let shift = try checkedFeatureVector(mean, role: "mean")
        let spread = try checkedFeatureVector(standardDeviation, role: "standard deviation").map { $0 > epsilon ? $0 : 1 }
        return try affinePerFeature(shift: shift, scale: spread.map { 1 / $0 })
    }

    /// Standardised with this dataset's own statistics (use for the training split).
    public func standardized(epsilon: Double = 1e-8) -> Dataset {
        try! standardized(mean: mean, standardDeviation: standardDeviation, epsilon: epsilon)
    }

    // MARK: - Kernels

    private func checkedFeatureVector(_ t: Tensor, role: String) throws -> [Double] {
        guard t.count == featureCount else {
            throw DatasetError.invalidArgument("\(name): the \(role) has shape \(describeShape(t.shape)) (\(t.count) values), but each example has \(featureCount) features \(describeShape(featureShape))")
        }
        return t.scalars
    }

    /// Column sums over examples `i`, in `Double`: `Σᵢ x[i, j]` without a centre, `Σᵢ (x[i, j] − c[j])²` with one.
    private func featureSums(squaredAround center: [Double]? = nil) -> [Double] {
        let d = featureCount, n = count
        var sums = [Double](repeating: 0, count: d)
        func accumulate<T: TensorScalar>(_: T.Type) {
            inputs.withPointer(T.self) { x in
                for i in 0..<n {
                    let row = x + i * d
                    if let center {
                        for j in 0..<d { let e = row[j].doubleValue - center[j]; sums[j] += e * e }
                    } else {
                        for j in 0..<d { sums[j] += row[j].doubleValue }
                    }
                }
            }
        }
        switch dtype {
        case .float32: accumulate(Float.self)
        case .float64: accumulate(Double.self)
        }
        return sums
    }

    /// `x'[i, j] = (x[i, j] − shift[j]) · scale[j]` (scale 1 when nil), computed in `Double` per element.
    private func affinePerFeature(shift: [Double], scale: [Double]?) throws -> Dataset {
        let d = featureCount, n = count
        var out = inputs
        func apply<T: TensorScalar>(_: T.Type) {
            out.withMutablePointer(T.self) { x in
                for i in 0..<n {
                    let row = x + i * d
                    if let scale {
                        for j in 0..<d { row[j] = T((row[j].doubleValue - shift[j]) * scale[j]) }
                    } else {
                        for j in 0..<d { row[j] = T(row[j].doubleValue - shift[j]) }
                    }
                }
            }
        }
        switch dtype {
        case .float32: apply(Float.self)
        case .float64: apply(Double.self)
        }
        return withInputs(out)
    }
}
