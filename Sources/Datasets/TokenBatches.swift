import Tensors

/// A batch for next-token prediction: `inputs[b, t]` is the id of the character at position `s_b + t` of the
/// text and `targets[b, t]` the id at `s_b + t + 1`.
///
/// Token ids are stored as floating-point values (the tensors' dtype, `float32` by default) so that batches
/// flow through the same tensor machinery as images; integers are exact in `float32` up to 2²⁴ = 16,777,216,
/// far above any character vocabulary (there are fewer Unicode scalars than that), and in `float64` up to 2⁵³.
/// Models convert them back with `Int(value)` (e.g. for an embedding lookup or a one-hot).
public struct TokenBatch: Sendable {
    /// `[B, T]` input token ids.
    public let inputs: Tensor
    /// `[B, T]` next-token ids.
    public let targets: Tensor

    /// Number of sequences.
    public var batchSize: Int { inputs.shape[0] }
    /// Length of each sequence.
    public var sequenceLength: Int { inputs.shape[1] }

    /// The batch of windows starting at `starts` in `tokens` (each needs `sequenceLength + 1` tokens).
    init(tokens: [Int], starts: [Int], sequenceLength: Int, dtype: DType) {
        var inputs = Tensor(zeros: [starts.count, sequenceLength], dtype: dtype)
        var targets = inputs
        for (b, s) in starts.enumerated() {
            for t in 0..<sequenceLength {
                inputs.setScalar(Double(tokens[s + t]), at: b * sequenceLength + t)
                targets.setScalar(Double(tokens[s + t + 1]), at: b * sequenceLength + t)
            }
        }
        self.inputs = inputs
        self.targets = targets
    }
}

/// Seeded sampler of random training windows: each call to ``next()`` draws `batchSize` start positions
/// `s` independently and uniformly from `0 ... tokens.count − sequenceLength − 1` (as `next() % range` of a
/// `RandomGenerator(seed:)`; the modulo bias is at most range / 2⁶⁴, about 10⁻¹³ for tiny_shakespeare) and returns
/// the windows `tokens[s ..< s+T]` with their shifted targets. The same seed gives the same batches in every
/// run.
public struct TextWindowSampler: Sendable {
    /// The text being sampled.
    public let tokens: [Int]
    /// Sequences per batch.
    public let batchSize: Int
    /// Tokens per sequence.
    public let sequenceLength: Int
    /// Element type of the batches.
    public let dtype: DType
    private var rng: RandomGenerator

    /// A sampler over `tokens`; throws unless the text holds at least `sequenceLength + 1` tokens and both
    /// sizes are positive.
    public init(tokens: [Int], batchSize: Int, sequenceLength: Int, seed: UInt64, dtype: DType = .float32) throws {
        guard batchSize > 0, sequenceLength > 0, tokens.count > sequenceLength else {
            throw DatasetError.invalidArgument("text sampler: need batch size > 0, sequence length > 0 and more than \(sequenceLength) tokens (have \(tokens.count))")
        }
        self.tokens = tokens
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        self.dtype = dtype
        rng = RandomGenerator(seed: seed)
    }

    /// The next random batch.
    public mutating func next() -> TokenBatch {
        let range = UInt64(tokens.count - sequenceLength)
        let starts = (0..<batchSize).map { _ in Int(rng.next() % range) }
        return TokenBatch(tokens: tokens, starts: starts, sequenceLength: sequenceLength, dtype: dtype)
    }

    /// Skips `count` batches without building them: afterwards ``next()`` returns what it would have
    /// returned after `count` calls (used to resume a run from a checkpoint).
    public mutating func skip(batches count: Int) {
        for _ in 0..<(Swift.max(0, count) * batchSize) { _ = rng.next() }
    }
}

extension TokenBatch {
    /// Deterministic evaluation batches covering a text: the non-overlapping windows starting at
    /// `0, T, 2T, …` (every window whose shifted target still lies in the text, i.e.
    /// `⌊(n − 1) / T⌋` windows for `n` tokens), grouped in order into batches of `batchSize`; the last batch
    /// holds the remaining windows and may be smaller. The final `(n − 1) mod T` tokens are never predicted.
    public static func sequentialBatches(tokens: [Int], batchSize: Int, sequenceLength: Int, dtype: DType = .float32) throws -> [TokenBatch] {
        guard batchSize > 0, sequenceLength > 0, tokens.count > sequenceLength else {
            throw DatasetError.invalidArgument("evaluation batches: need batch size > 0, sequence length > 0 and more than \(sequenceLength) tokens (have \(tokens.count))")
        }
        let starts = Array(stride(from: 0, to: (tokens.count - 1) / sequenceLength * sequenceLength, by: sequenceLength))
        return stride(from: 0, to: starts.count, by: batchSize).map { first in
            TokenBatch(tokens: tokens, starts: Array(starts[first..<min(first + batchSize, starts.count)]),
                       sequenceLength: sequenceLength, dtype: dtype)
        }
    }
}

extension CharacterCorpus {
    /// A seeded sampler of training windows (the paper: batch 128, sequence length 64).
    public func trainSampler(batchSize: Int = 128, sequenceLength: Int = 64, seed: UInt64, dtype: DType = .float32) throws -> TextWindowSampler {
        try TextWindowSampler(tokens: trainTokens, batchSize: batchSize, sequenceLength: sequenceLength, seed: seed, dtype: dtype)
    }

    /// The deterministic evaluation batches of the test text (see
    /// ``TokenBatch/sequentialBatches(tokens:batchSize:sequenceLength:dtype:)``).
    public func testBatches(batchSize: Int = 128, sequenceLength: Int = 64, dtype: DType = .float32) throws -> [TokenBatch] {
        try TokenBatch.sequentialBatches(tokens: testTokens, batchSize: batchSize, sequenceLength: sequenceLength, dtype: dtype)
    }
}
