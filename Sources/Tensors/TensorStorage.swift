/// The reference-counted, 64-byte-aligned buffer behind a ``Tensor``. Tensors share storage until one of
/// them is mutated (copy on write).
public final class TensorStorage: @unchecked Sendable {
    /// Start of the buffer.
    public let base: UnsafeMutableRawPointer
    /// Number of elements (not bytes).
    public let count: Int
    /// Element type.
    public let dtype: DType

    /// Allocates zero-filled storage for `count` elements of `dtype`.
    public init(count: Int, dtype: DType) {
        self.count = count
        self.dtype = dtype
        let bytes = max(1, count * dtype.byteSize)
        base = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    }

    /// A new storage holding a copy of this one's elements.
    public func copy() -> TensorStorage {
        let other = TensorStorage(count: count, dtype: dtype)
        other.base.copyMemory(from: base, byteCount: count * dtype.byteSize)
        return other
    }

    deinit { base.deallocate() }
}
