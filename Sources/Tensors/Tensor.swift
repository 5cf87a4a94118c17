import Foundation

/// An n-dimensional array of `Float` or `Double` in contiguous row-major storage.
///
/// `Tensor` is a value type: copies share storage until one of them is written (copy on write).
/// Operations check shapes and throw ``TensorError`` with the shapes in the message; kernels run on BLAS
/// or on vectorisable loops over contiguous memory. The element type is dynamic (``DType``) so that the
/// interpreter and the autodiff executor can hold either precision in one type; each operation dispatches
/// on it once, then runs a loop specialised for `Float` or `Double`.
public struct Tensor: @unchecked Sendable {
    /// The extent of each axis; `[]` for a scalar.
    public private(set) var shape: [Int]
    /// The storage (shared between copies until written).
    public private(set) var storage: TensorStorage

    /// Element type.
    public var dtype: DType { storage.dtype }
    /// Number of axes.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { storage.count }

    /// A zero-filled tensor.
    public init(zeros shape: [Int], dtype: DType = .float32) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(describeShape(shape))")
        self.shape = shape
        storage = TensorStorage(count: shape.reduce(1, *), dtype: dtype)
    }

    /// A tensor filled with one value.
    public init(repeating value: Double, shape: [Int], dtype: DType = .float32) {
        self.init(zeros: shape, dtype: dtype)
        fill(value)
    }

    /// A tensor from scalars in row-major order. Throws if `scalars.count` is not the product of `shape`.
    public init(shape: [Int], scalars: [Double], dtype: DType = .float32) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
            throw TensorError("tensor: \(scalars.count) values do not fill shape \(describeShape(shape))")
        }
        self.init(zeros: shape, dtype: dtype)
        switch dtype {
        case .float32: withMutablePointer(Float.self) { p in for i in 0..<scalars.count { p[i] = Float(scalars[i]) } }
        case .float64: withMutablePointer(Double.self) { p in p.update(from: scalars, count: scalars.count) }
        }
    }

    /// A `Float` tensor from an array; `shape` defaults to a vector.
    public init(_ values: [Float], shape: [Int]? = nil) {
        let shape = shape ?? [values.count]
        precondition(shape.reduce(1, *) == values.count, "tensor: \(values.count) values do not fill \(describeShape(shape))")
        self.init(zeros: shape, dtype: .float32)
        withMutablePointer(Float.self) { $0.update(from: values, count: values.count) }
    }

    /// A `Double` tensor from an array; `shape` defaults to a vector.
    public init(_ values: [Double], shape: [Int]? = nil) {
        let shape = shape ?? [values.count]
        precondition(shape.reduce(1, *) == values.count, "tensor: \(values.count) values do not fill \(describeShape(shape))")
        self.init(zeros: shape, dtype: .float64)
        withMutablePointer(Double.self) { $0.update(from: values, count: values.count) }
    }

    /// A rank-0 tensor.
    public init(scalar: Double, dtype: DType = .float32) {
        self.init(repeating: scalar, shape: [], dtype: dtype)
    }

    /// Wraps existing storage with a shape of the same element count.
    public init(shape: [Int], storage: TensorStorage) {
        precondition(shape.reduce(1, *) == storage.count, "shape \(describeShape(shape)) does not match \(storage.count) elements")
        self.shape = shape
        self.storage = storage
    }

    /// Read access to the elements as `T` (which must match ``dtype``).
    @inlinable
    public func withPointer<T: TensorScalar, R>(_ type: T.Type, _ body: (UnsafePointer<T>) throws -> R) rethrows -> R {
        precondition(T.dtype == dtype, "tensor holds \(dtype), accessed as \(T.dtype)")
        return try body(UnsafePointer(storage.base.assumingMemoryBound(to: T.self)))
    }

    /// Write access to the elements as `T` (copies the storage first if it is shared).
    @inlinable
    public mutating func withMutablePointer<T: TensorScalar, R>(_ type: T.Type, _ body: (UnsafeMutablePointer<T>) throws -> R) rethrows -> R {
        precondition(T.dtype == dtype, "tensor holds \(dtype), accessed as \(T.dtype)")
        makeUnique()
        return try body(storage.base.assumingMemoryBound(to: T.self))
    }

    /// Copies the storage if another tensor shares it.
    @usableFromInline
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Sets every element to `value`.
    public mutating func fill(_ value: Double) {
        let n = count
        switch dtype {
        case .float32: withMutablePointer(Float.self) { $0.update(repeating: Float(value), count: n) }
        case .float64: withMutablePointer(Double.self) { $0.update(repeating: value, count: n) }
        }
    }

    /// All elements, row-major, as `Double`.
    public var scalars: [Double] {
        switch dtype {
        case .float32: return withPointer(Float.self) { p in (0..<count).map { Double(p[$0]) } }
        case .float64: return withPointer(Double.self) { Array(UnsafeBufferPointer(start: $0, count: count)) }
        }
    }

    /// All elements, row-major, as `Float`.
    public var floats: [Float] {
        switch dtype {
        case .float32: return withPointer(Float.self) { Array(UnsafeBufferPointer(start: $0, count: count)) }
        case .float64: return withPointer(Double.self) { p in (0..<count).map { Float(p[$0]) } }
        }
    }

    /// The element at a flat (row-major) offset, as `Double`.
    public func scalar(at offset: Int) -> Double {
        precondition(offset >= 0 && offset < count, "offset \(offset) out of range for \(count) elements")
        switch dtype {
        case .float32: return withPointer(Float.self) { Double($0[offset]) }
        case .float64: return withPointer(Double.self) { $0[offset] }
        }
    }

    /// Sets the element at a flat offset.
    public mutating func setScalar(_ value: Double, at offset: Int) {
        precondition(offset >= 0 && offset < count, "offset \(offset) out of range for \(count) elements")
        switch dtype {
        case .float32: withMutablePointer(Float.self) { $0[offset] = Float(value) }
        case .float64: withMutablePointer(Double.self) { $0[offset] = value }
        }
    }

    /// The value of a one-element tensor.
    public var scalarValue: Double {
        precondition(count == 1, "scalarValue of a tensor with shape \(describeShape(shape))")
        return scalar(at: 0)
    }

    /// The flat offset of a multi-index, checking bounds.
    public func offset(of index: [Int]) throws -> Int {
        guard index.count == rank else {
            throw TensorError("index: \(index.count) indices for a tensor of rank \(rank) (shape \(describeShape(shape)))")
        }
        var offset = 0
        for (axis, i) in index.enumerated() {
            guard i >= 0 && i < shape[axis] else {
                throw TensorError("index: \(i) out of range 0..<\(shape[axis]) on axis \(axis) of shape \(describeShape(shape))")
            }
            offset = offset * shape[axis] + i
        }
        return offset
    }

    /// This tensor converted to another element type (a copy unless the type already matches).
    public func converted(to target: DType) -> Tensor {
        if target == dtype { return self }
        var out = Tensor(zeros: shape, dtype: target)
        switch (dtype, target) {
        case (.float32, .float64):
            withPointer(Float.self) { src in out.withMutablePointer(Double.self) { dst in for i in 0..<count { dst[i] = Double(src[i]) } } }
        default:
            withPointer(Double.self) { src in out.withMutablePointer(Float.self) { dst in for i in 0..<count { dst[i] = Float(src[i]) } } }
        }
        return out
    }

    /// The same elements with a new shape of equal element count (shares storage).
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        guard newShape.allSatisfy({ $0 >= 0 }), newShape.reduce(1, *) == count else {
            throw TensorError("reshape: cannot view shape \(describeShape(shape)) (\(count) elements) as \(describeShape(newShape))")
        }
        return Tensor(shape: newShape, storage: storage)
    }

    /// Copies `other`'s elements into this tensor (shapes must have the same element count and dtype).
    public mutating func assign(_ other: Tensor) {
        precondition(other.count == count && other.dtype == dtype, "assign: \(describeShape(other.shape)) \(other.dtype) into \(describeShape(shape)) \(dtype)")
        makeUnique()
        storage.base.copyMemory(from: other.storage.base, byteCount: count * dtype.byteSize)
    }

    /// Whether two tensors hold the same storage object.
    public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }
}

extension Tensor: CustomStringConvertible {
    /// A compact rendering: the shape and dtype, then the values (elided in the middle when long).
    public var description: String {
        let values = scalars
        let shown: [String]
        if values.count > 12 {
            shown = values.prefix(6).map { formatScalar($0) } + ["…"] + values.suffix(6).map { formatScalar($0) }
        } else {
            shown = values.map { formatScalar($0) }
        }
        return "Tensor<\(dtype)>\(describeShape(shape)) [" + shown.joined(separator: ", ") + "]"
    }
}

/// Formats a number with up to 6 significant digits, the way tensors print.
public func formatScalar(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(format: "%.1f", value) }
    return String(format: "%.6g", value)
}

extension Tensor {
    /// Read access to the raw bytes.
    public func withBytes<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R { try body(UnsafeRawPointer(storage.base)) }

    /// Write access to the raw bytes (copies the storage first if it is shared).
    public mutating func withMutableBytes<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        makeUnique()
        return try body(storage.base)
    }
}
