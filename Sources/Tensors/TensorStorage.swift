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
    public convenience init(count: Int, dtype: DType) {
        self.init(uninitializedCount: count, dtype: dtype)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, count * dtype.byteSize))
    }

    /// Allocates storage whose contents are unspecified: for buffers a kernel overwrites completely
    /// (it saves a pass over memory on large intermediate buffers).
    public init(uninitializedCount count: Int, dtype: DType) {
        self.count = count
        self.dtype = dtype
        TensorStorage.allocations &+= 1
        base = UnsafeMutableRawPointer.allocate(byteCount: max(1, count * dtype.byteSize), alignment: 64)
    }

    /// A new storage holding a copy of this one's elements.
    public func copy() -> TensorStorage {
        let other = TensorStorage(uninitializedCount: count, dtype: dtype)
        other.base.copyMemory(from: base, byteCount: count * dtype.byteSize)
        return other
    }

    deinit { base.deallocate() }

    /// Storage buffers allocated so far in this process: a diagnostic for tests and benchmarks that check
    /// hot loops do not allocate (not synchronised: exact only while one thread allocates tensors).
    nonisolated(unsafe) public static var allocations = 0
}
