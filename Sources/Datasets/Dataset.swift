import Tensors

/// A supervised dataset held in memory: one input tensor whose first axis indexes examples, and the
/// matching targets.
///
/// A *classification* dataset has `labels` (one class index per example) and `numClasses > 0`; its
/// ``targets`` are the one-hot rows `[N, numClasses]` that the squared loss compares against (the paper's
/// MNIST and CIFAR-10 settings). A *regression* dataset has no labels (`numClasses == 0`) and real-valued
/// targets `[N, k]`. Inputs and targets share one element type (``dtype``), `float32` unless converted.
///
/// Image layouts: MNIST and digits are flat `[N, 784]` / `[N, 64]` by default (the paper's MNIST model is an
/// MLP), or `[N, H, W, 1]`; CIFAR-10 is NHWC `[N, 32, 32, 3]`. Datasets are values: subsets, batches and
/// transformations return new datasets and never change the receiver.
public struct Dataset: Sendable, CustomStringConvertible {
    /// A short name for messages, e.g. `mnist-train`.
    public var name: String
    /// The inputs; axis 0 indexes examples.
    public private(set) var inputs: Tensor
    /// One-hot rows `[N, numClasses]` for classification, or the regression targets `[N, k]`.
    public private(set) var targets: Tensor
    /// The class index of each example (empty for a regression dataset).
    public let labels: [Int]
    /// The number of classes (0 for a regression dataset).
    public let numClasses: Int

    /// A classification dataset; ``targets`` are built as one-hot rows in the inputs' dtype. Throws if the
    /// label count differs from the number of input rows or a label is outside `0..<numClasses`.
    public init(name: String, inputs: Tensor, labels: [Int], numClasses: Int) throws {
        guard inputs.rank >= 1, inputs.shape[0] == labels.count else {
            throw DatasetError.invalidArgument("\(name): \(labels.count) labels for inputs of shape \(describeShape(inputs.shape))")
        }
        guard numClasses > 0 else { throw DatasetError.invalidArgument("\(name): numClasses must be positive, got \(numClasses)") }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= numClasses }) {
            throw DatasetError.invalidArgument("\(name): label \(labels[bad]) of example \(bad) is outside 0..<\(numClasses)")
        }
        self.init(name: name, inputs: inputs, targets: Dataset.oneHot(labels, classes: numClasses, dtype: inputs.dtype),
                  labels: labels, numClasses: numClasses)
    }

    /// A regression dataset with real-valued targets (a vector of targets is stored as `[N, 1]`). Throws if
    /// the row counts differ; the targets are converted to the inputs' dtype.
    public init(name: String, inputs: Tensor, targets: Tensor) throws {
        guard inputs.rank >= 1, targets.rank >= 1, inputs.shape[0] == targets.shape[0] else {
            throw DatasetError.invalidArgument("\(name): targets \(describeShape(targets.shape)) do not match inputs \(describeShape(inputs.shape))")
        }
        let matrix = targets.rank == 1 ? try targets.reshaped([targets.shape[0], 1]) : targets
        self.init(name: name, inputs: inputs, targets: matrix.converted(to: inputs.dtype), labels: [], numClasses: 0)
    }

    /// Unchecked memberwise initialiser for transformations that preserve consistency.
    init(name: String, inputs: Tensor, targets: Tensor, labels: [Int], numClasses: Int) {
        self.name = name
        self.inputs = inputs
        self.targets = targets
        self.labels = labels
        self.numClasses = numClasses
    }

    /// Number of examples.
    public var count: Int { inputs.shape[0] }
    /// The shape of one example's input (e.g. `[784]` or `[32, 32, 3]`).
    public var featureShape: [Int] { Array(inputs.shape.dropFirst()) }
    /// The number of input values per example.
    public var featureCount: Int { featureShape.reduce(1, *) }
    /// The element type of inputs and targets.
    public var dtype: DType { inputs.dtype }
    /// Whether the dataset has class labels.
    public var isClassification: Bool { numClasses > 0 }

    /// How many examples each class has (empty for a regression dataset).
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: numClasses)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// One-hot rows: `result[i, labels[i]] = 1`, every other entry 0; shape `[labels.count, classes]`.
    /// Labels must lie in `0..<classes` (checked with a precondition).
    public static func oneHot(_ labels: [Int], classes: Int, dtype: DType = .float32) -> Tensor {
        var out = Tensor(zeros: [labels.count, classes], dtype: dtype)
        for (i, label) in labels.enumerated() {
            precondition(label >= 0 && label < classes, "oneHot: label \(label) outside 0..<\(classes)")
            out.setScalar(1, at: i * classes + label)
        }
        return out
    }

    // MARK: - Subsets and batches

    /// The first `n` examples, in order. Throws if `n` is negative or exceeds ``count``.
    public func subset(first n: Int) throws -> Dataset {
        guard n >= 0 && n <= count else { throw DatasetError.invalidArgument("\(name): cannot take the first \(n) of \(count) examples") }
        return Dataset(name: name, inputs: try inputs.slice(rows: 0..<n), targets: try targets.slice(rows: 0..<n),
                       labels: isClassification ? Array(labels.prefix(n)) : [], numClasses: numClasses)
    }

    /// `n` distinct examples drawn without replacement by a `RandomGenerator(seed: seed)` permutation, kept in
    /// their original (ascending index) order, so the same seed always selects the same examples. Throws if
    /// `n` is negative or exceeds ``count``.
    public func subset(sampled n: Int, seed: UInt64) throws -> Dataset {
        guard n >= 0 && n <= count else { throw DatasetError.invalidArgument("\(name): cannot sample \(n) of \(count) examples") }
        var rng = RandomGenerator(seed: seed)
        return try batch(indices: Array(rng.permutation(count).prefix(n)).sorted())
    }

    /// The examples at `indices`, in that order (repeats allowed). Throws for an index outside `0..<count`.
    public func batch(indices: [Int]) throws -> Dataset {
        if let bad = indices.first(where: { $0 < 0 || $0 >= count }) {
            throw DatasetError.invalidArgument("\(name): example index \(bad) is outside 0..<\(count)")
        }
        return Dataset(name: name, inputs: try inputs.rows(indices), targets: try targets.rows(indices),
                       labels: isClassification ? indices.map { labels[$0] } : [], numClasses: numClasses)
    }

    // MARK: - Layout and precision

    /// The same examples with inputs flattened to `[N, featureCount]` (shares storage).
    public func flattened() -> Dataset {
        withInputs(try! inputs.reshaped([count, featureCount]))
    }

    /// The same examples with each input viewed as `featureShape` (same element count; shares storage), e.g.
    /// `[28, 28, 1]` to turn flat MNIST into NHWC images.
    public func reshaped(featureShape: [Int]) throws -> Dataset {
        guard featureShape.reduce(1, *) == featureCount else {
            throw DatasetError.invalidArgument("\(name): cannot view \(describeShape(self.featureShape)) inputs as \(describeShape(featureShape))")
        }
        return withInputs(try inputs.reshaped([count] + featureShape))
    }

    /// Inputs and targets converted to `dtype` (no copy when it already matches).
    public func converted(to dtype: DType) -> Dataset {
        Dataset(name: name, inputs: inputs.converted(to: dtype), targets: targets.converted(to: dtype),
                labels: labels, numClasses: numClasses)
    }

    /// This dataset with other inputs of the same example count and dtype.
    func withInputs(_ newInputs: Tensor) -> Dataset {
        precondition(newInputs.shape.first == count && newInputs.dtype == dtype, "withInputs: shape or dtype changed")
        return Dataset(name: name, inputs: newInputs, targets: targets, labels: labels, numClasses: numClasses)
    }

    /// `name: N examples, inputs [..] dtype, C classes` (or `targets [..]` for regression).
    public var description: String {
        let kind = isClassification ? "\(numClasses) classes" : "targets \(describeShape(targets.shape))"
        return "\(name): \(count) examples, inputs \(describeShape(inputs.shape)) \(dtype), \(kind)"
    }
}
