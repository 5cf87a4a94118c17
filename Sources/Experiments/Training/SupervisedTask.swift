import Tensors
import Optimizers
import Datasets
import NN

/// A classification or regression task: a model and loss on a ``Dataset``, trained full batch or with
/// seeded minibatches (reshuffled every epoch). Probes measure on the full training set when
/// `probeExamples` is nil or at least the set's size, otherwise on a fixed seeded sample of that many
/// examples (the same sample at every probe).
public final class SupervisedTask: TrainingTask {
    public let objective: Objective
    public let train: Dataset
    public let test: Dataset?
    public let sampler: BatchSampler
    private let probeData: Dataset
    private var epochBatches: (epoch: Int, batches: [[Int]])?

    /// `batchSize` nil means full batch.
    public init(objective: Objective, train: Dataset, test: Dataset? = nil, batchSize: Int?, seed: UInt64, probeExamples: Int? = nil) throws {
        guard train.count > 0 else { throw ExperimentError("the training set \(train.name) is empty") }
        self.objective = objective
        self.train = train.converted(to: objective.dtype)
        self.test = test?.converted(to: objective.dtype)
        if let b = batchSize, b < train.count {
            guard b > 0 else { throw ExperimentError("batch size must be positive, got \(b)") }
            sampler = try BatchSampler(count: train.count, batchSize: b, seed: seed)
        } else {
            sampler = try BatchSampler.full(count: train.count)
        }
        if let n = probeExamples, n < train.count {
            probeData = try self.train.subset(sampled: n, seed: seed ^ 0x5EED)
        } else {
            probeData = self.train
        }
    }

    public var dimension: Int { objective.layout.dimension }
    public var dtype: DType { objective.dtype }
    public var stepsPerEpoch: Int { sampler.batchesPerEpoch }
    public var objectiveDescription: String { objective.summary }
    public var probeDataDescription: String {
        probeData.count == train.count ? "the full training set (\(train.count) examples)" : "a fixed sample of \(probeData.count) training examples"
    }

    public func batchOracle(step: Int) throws -> GradientOracle {
        if sampler.isFullBatch { return oracle(train.inputs, train.targets) }
        let epoch = step / sampler.batchesPerEpoch
        if epochBatches?.epoch != epoch { epochBatches = (epoch, sampler.batches(epoch: epoch)) }
        let batch = try train.batch(indices: epochBatches!.batches[step % sampler.batchesPerEpoch])
        return oracle(batch.inputs, batch.targets)
    }

    private func oracle(_ inputs: Tensor, _ targets: Tensor) -> GradientOracle {
        let objective = self.objective
        return ClosureGradientOracle { w, g in try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets, into: &g) }
    }

    public func probeValueAndGradient(at w: Tensor, into gradient: inout Tensor) throws -> Double {
        try objective.valueAndGradient(parameters: w, inputs: probeData.inputs, targets: probeData.targets, into: &gradient)
    }

    public func probeHessianVectorProduct(at w: Tensor, vector v: Tensor, into result: inout Tensor) throws {
        try objective.hessianVectorProduct(parameters: w, inputs: probeData.inputs, targets: probeData.targets, vector: v, into: &result)
    }

    public func probeAccuracy(at w: Tensor) throws -> Double? {
        guard probeData.numClasses > 0 else { return nil }
        return try Accuracy.of(outputs: objective.predict(parameters: w, inputs: probeData.inputs), targets: probeData.targets)
    }

    public func testMetrics(at w: Tensor) throws -> (loss: Double, accuracy: Double?)? {
        guard let test else { return nil }
        let loss = try objective.value(parameters: w, inputs: test.inputs, targets: test.targets)
        let accuracy = test.numClasses > 0 ? try Accuracy.of(outputs: objective.predict(parameters: w, inputs: test.inputs), targets: test.targets) : nil
        return (loss, accuracy)
    }
}

/// A character language-modelling task: random windows of the training text as minibatches (seeded), a
/// fixed probe batch drawn once from the training text (the paper estimates Hessian quantities on
/// minibatches), and the held-out text as test data.
public final class LanguageModelTask: TrainingTask {
    public let objective: Objective
    public let corpus: CharacterCorpus
    private var sampler: TextWindowSampler
    private let probeBatch: TokenBatch
    private let testBatches: [TokenBatch]
    private var nextStep = 0

    /// `testBatchLimit` bounds how many held-out batches the test loss averages over.
    public init(objective: Objective, corpus: CharacterCorpus, batchSize: Int, sequenceLength: Int, seed: UInt64, testBatchLimit: Int = 4) throws {
        self.objective = objective
        self.corpus = corpus
        sampler = try corpus.trainSampler(batchSize: batchSize, sequenceLength: sequenceLength, seed: seed, dtype: objective.dtype)
        var probeSampler = try corpus.trainSampler(batchSize: batchSize, sequenceLength: sequenceLength, seed: seed ^ 0x9A0BE, dtype: objective.dtype)
        probeBatch = probeSampler.next()
        testBatches = Array(try corpus.testBatches(batchSize: batchSize, sequenceLength: sequenceLength, dtype: objective.dtype).prefix(testBatchLimit))
    }

    public var dimension: Int { objective.layout.dimension }
    public var dtype: DType { objective.dtype }
    public var stepsPerEpoch: Int { max(1, corpus.trainTokens.count / (probeBatch.batchSize * probeBatch.sequenceLength)) }
    public var objectiveDescription: String { objective.summary }
    public var probeDataDescription: String { "a fixed training batch of \(probeBatch.batchSize)×\(probeBatch.sequenceLength) characters" }

    /// Skips the sampler ahead to `step` (a new task only: the stream cannot go back).
    public func resume(atStep step: Int) throws {
        guard step >= nextStep else { throw ExperimentError("language-model batches are a stream: cannot resume at step \(step) after step \(nextStep - 1)") }
        sampler.skip(batches: step - nextStep)
        nextStep = step
    }

    /// Steps must be requested in order (the sampler is a seeded stream).
    public func batchOracle(step: Int) throws -> GradientOracle {
        guard step == nextStep else { throw ExperimentError("language-model batches are a stream: step \(step) requested after \(nextStep - 1)") }
        nextStep += 1
        let batch = sampler.next()
        let objective = self.objective
        return ClosureGradientOracle { w, g in try objective.valueAndGradient(parameters: w, inputs: batch.inputs, targets: batch.targets, into: &g) }
    }

    public func probeValueAndGradient(at w: Tensor, into gradient: inout Tensor) throws -> Double {
        try objective.valueAndGradient(parameters: w, inputs: probeBatch.inputs, targets: probeBatch.targets, into: &gradient)
    }

    public func probeHessianVectorProduct(at w: Tensor, vector v: Tensor, into result: inout Tensor) throws {
        try objective.hessianVectorProduct(parameters: w, inputs: probeBatch.inputs, targets: probeBatch.targets, vector: v, into: &result)
    }

    public func probeAccuracy(at w: Tensor) throws -> Double? {
        try Accuracy.of(outputs: objective.predict(parameters: w, inputs: probeBatch.inputs), targets: probeBatch.targets)
    }

    public func testMetrics(at w: Tensor) throws -> (loss: Double, accuracy: Double?)? {
        guard !testBatches.isEmpty else { return nil }
        var total = 0.0
        for batch in testBatches { total += try objective.value(parameters: w, inputs: batch.inputs, targets: batch.targets) }
        return (total / Double(testBatches.count), nil)
    }
}
