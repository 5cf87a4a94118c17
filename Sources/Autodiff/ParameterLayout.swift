import Tensors

/// How a list of named tensors sits in one flat vector: each tensor's elements, row-major, one after the
/// other in declaration order. Optimizers and spectrum estimators see only the flat vector.
public struct ParameterLayout: Sendable, Equatable {
    /// One tensor's place in the flat vector.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let shape: [Int]
        public let offset: Int
        public var count: Int { shape.reduce(1, *) }
    }

    /// The tensors, in flat order.
    public let entries: [Entry]
    /// Total number of scalars.
    public let dimension: Int

    /// A layout for tensors with these names and shapes (names must be distinct).
    public init(_ shapes: [(name: String, shape: [Int])]) {
        var offset = 0
        var entries: [Entry] = []
        for (name, shape) in shapes {
            entries.append(Entry(name: name, shape: shape, offset: offset))
            offset += shape.reduce(1, *)
        }
        self.entries = entries
        dimension = offset
    }

    /// The flat vector holding `tensors` (one per entry, matching shapes; all of one dtype).
    public func flatten(_ tensors: [Tensor]) throws -> Tensor {
        guard tensors.count == entries.count else { throw TensorError("flatten: \(tensors.count) tensors for \(entries.count) parameters") }
        let dtype = tensors.first?.dtype ?? .float32
        var flat = Tensor(zeros: [dimension], dtype: dtype)
        try flatten(tensors, into: &flat)
        return flat
    }

    /// Writes `tensors` into an existing flat vector.
    public func flatten(_ tensors: [Tensor], into flat: inout Tensor) throws {
        guard flat.count == dimension else { throw TensorError("flatten: vector of \(flat.count) for \(dimension) parameters") }
        for (entry, t) in zip(entries, tensors) {
            guard t.shape == entry.shape, t.dtype == flat.dtype else {
                throw TensorError("parameter '\(entry.name)': expected \(describeShape(entry.shape)) \(flat.dtype), got \(describeShape(t.shape)) \(t.dtype)")
            }
            let bytes = flat.dtype.byteSize
            flat.withMutableBytes { dst in t.withBytes { src in (dst + entry.offset * bytes).copyMemory(from: src, byteCount: entry.count * bytes) } }
        }
    }

    /// The tensors stored in a flat vector (copies, shaped per entry).
    public func unflatten(_ flat: Tensor) throws -> [Tensor] {
        guard flat.count == dimension else { throw TensorError("unflatten: vector of \(flat.count) for \(dimension) parameters") }
        return entries.map { entry in
            var t = Tensor(zeros: entry.shape, dtype: flat.dtype)
            let bytes = flat.dtype.byteSize
            t.withMutableBytes { dst in flat.withBytes { src in dst.copyMemory(from: src + entry.offset * bytes, byteCount: entry.count * bytes) } }
            return t
        }
    }
}
