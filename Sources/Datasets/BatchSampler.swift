import Tensors

/// Seeded minibatch indices, identical in every run with the same seed.
///
/// Each epoch visits every example once: with `shuffle`, in the order of the permutation
/// `RandomGenerator(seed: seed).split(epoch).permutation(count)` — a function of `(seed, epoch)` alone, so
/// any epoch can be reproduced without replaying the ones before it — and otherwise in index order. The
/// epoch's order is cut into consecutive batches of `batchSize`; the last, smaller batch is kept unless
/// `dropLast` is set (then the leftover examples of that epoch are skipped). A *full* batch sampler yields
/// all examples `0..<count`, in order, at every step (full-batch gradient descent).
///
/// Use ``batches(epoch:)`` for one epoch's index arrays, or ``next()`` to stream batches across epochs; pass
/// the indices to ``Dataset/batch(indices:)``.
public struct BatchSampler: Sendable {
    /// Number of examples.
    public let count: Int
    /// Examples per batch.
    public let batchSize: Int
    /// The seed the epoch permutations derive from.
    public let seed: UInt64
    /// Whether each epoch is a fresh random permutation (otherwise index order).
    public let shuffle: Bool
    /// Whether an epoch's final partial batch is skipped.
    public let dropLast: Bool

    /// The epoch ``next()`` is in (starts at 0).
    public private(set) var epoch = 0
    /// The number of batches ``next()`` has returned.
    public private(set) var step = 0
    private var current: [[Int]] = []
    private var position = 0

    /// A sampler over `count` examples. Throws unless `count > 0` and `1 ≤ batchSize ≤ count`.
    public init(count: Int, batchSize: Int, seed: UInt64, shuffle: Bool = true, dropLast: Bool = false) throws {
        guard count > 0, batchSize >= 1, batchSize <= count else {
            throw DatasetError.invalidArgument("batch sampler: batch size \(batchSize) must lie in 1...\(count) (the number of examples)")
        }
        self.count = count
        self.batchSize = batchSize
        self.seed = seed
        self.shuffle = shuffle
        self.dropLast = dropLast
    }

    /// The full-batch sampler: every step is all examples `0..<count` in order.
    public static func full(count: Int) throws -> BatchSampler {
        try BatchSampler(count: count, batchSize: count, seed: 0, shuffle: false)
    }

    /// Whether every batch is the whole dataset.
    public var isFullBatch: Bool { batchSize == count && !shuffle }

    /// Batches per epoch: `⌈count / batchSize⌉`, or `⌊count / batchSize⌋` with `dropLast`.
    public var batchesPerEpoch: Int { dropLast ? count / batchSize : (count + batchSize - 1) / batchSize }

    /// The example order of an epoch.
    public func order(epoch: Int) -> [Int] {
        guard shuffle else { return Array(0..<count) }
        var rng = RandomGenerator(seed: seed).split(UInt64(epoch))
        return rng.permutation(count)
    }

    /// All batches of an epoch, in order.
    public func batches(epoch: Int) -> [[Int]] {
        let order = order(epoch: epoch)
        return (0..<batchesPerEpoch).map { b in Array(order[(b * batchSize)..<min((b + 1) * batchSize, count)]) }
    }

    /// The next batch, moving to the next epoch when this one is exhausted.
    public mutating func next() -> [Int] {
        if current.isEmpty { current = batches(epoch: epoch) }
        let batch = current[position]
        position += 1
        step += 1
        if position == current.count {
            epoch += 1
            position = 0
            current = []
        }
        return batch
    }
}
