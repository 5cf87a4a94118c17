/// Operations that move elements without arithmetic: broadcasting, transposition, slicing, concatenation.
extension Tensor {
    /// This tensor repeated along broadcast axes to `target`, into `out`.
    public func broadcast(to target: [Int], into out: inout Tensor) throws {
        guard Broadcasting.canBroadcast(shape, to: target) else {
            throw TensorError("broadcast: cannot broadcast \(describeShape(shape)) to \(describeShape(target))")
        }
        guard out.shape == target, out.dtype == dtype else {
            throw TensorError("broadcast: output \(describeShape(out.shape)) for target \(describeShape(target))")
        }
        switch dtype {
        case .float32: copyKernel(Float.self, target: target, sourceStrides: Broadcasting.strides(of: shape, in: target), into: &out)
        case .float64: copyKernel(Double.self, target: target, sourceStrides: Broadcasting.strides(of: shape, in: target), into: &out)
        }
    }

    /// This tensor repeated along broadcast axes to `target`.
    public func broadcast(to target: [Int]) throws -> Tensor {
        var out = Tensor(zeros: target, dtype: dtype)
        try broadcast(to: target, into: &out)
        return out
    }

    /// The shape after permuting axes: axis `i` of the result is axis `permutation[i]` of this tensor.
    public func transposedShape(_ permutation: [Int]) throws -> [Int] {
        guard permutation.count == rank, Set(permutation) == Set(0..<rank) else {
            throw TensorError("transpose: \(permutation) is not a permutation of the \(rank) axes of \(describeShape(shape))")
        }
        return permutation.map { shape[$0] }
    }

    /// Axes permuted (copying into row-major order), into `out`.
    public func transpose(_ permutation: [Int], into out: inout Tensor) throws {
        let target = try transposedShape(permutation)
        guard out.shape == target, out.dtype == dtype else {
            throw TensorError("transpose: output \(describeShape(out.shape)) for \(describeShape(target))")
        }
        var rowMajor = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { rowMajor[axis] = rowMajor[axis + 1] * shape[axis + 1] }
        let strides = permutation.map { rowMajor[$0] }
        switch dtype {
        case .float32: copyKernel(Float.self, target: target, sourceStrides: strides, into: &out)
        case .float64: copyKernel(Double.self, target: target, sourceStrides: strides, into: &out)
        }
    }

    /// Axes permuted; with no argument, the two last axes are swapped (matrix transpose).
    public func transposed(_ permutation: [Int]? = nil) throws -> Tensor {
        let perm = permutation ?? (rank < 2 ? Array(0..<rank) : Array(0..<(rank - 2)) + [rank - 1, rank - 2])
        var out = Tensor(zeros: try transposedShape(perm), dtype: dtype)
        try transpose(perm, into: &out)
        return out
    }

    /// The inverse of a permutation.
    public static func inversePermutation(_ permutation: [Int]) -> [Int] {
        var inverse = [Int](repeating: 0, count: permutation.count)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return inverse
    }

    private func copyKernel<T: TensorScalar>(_: T.Type, target: [Int], sourceStrides: [Int], into out: inout Tensor) {
        var outStrides = [Int](repeating: 1, count: target.count)
        for axis in stride(from: target.count - 2, through: 0, by: -1) where target.count > 1 {
            outStrides[axis] = outStrides[axis + 1] * target[axis + 1]
        }
        let plan = StridedPlan(target: target, operandStrides: [sourceStrides, outStrides])
        let total = out.count
        withPointer(T.self) { x in
            out.withMutablePointer(T.self) { y in
                guard total > 0 else { return }
                let n = plan.runLength, si = plan.innerStride(0), so = plan.innerStride(1)
                Parallel.forEachRange(plan.runCount, cost: n, alignment: 1) { runs in
                    plan.forEachRun(runs) { o0, o1 in
                        let src = x + o0, dst = y + o1
                        switch (si, so) {
                        case (1, 1): if n <= 64 { for i in 0..<n { dst[i] = src[i] } } else { dst.update(from: src, count: n) }
                        case (0, 1): dst.update(repeating: src[0], count: n)
                        default: for i in 0..<n { dst[i * so] = src[i * si] }
                        }
                    }
                }
            }
        }
    }

    /// Rows `range` along axis 0 (a copy).
    public func slice(rows range: Range<Int>) throws -> Tensor {
        guard rank >= 1, range.lowerBound >= 0, range.upperBound <= shape[0] else {
            throw TensorError("slice: rows \(range) out of range for shape \(describeShape(shape))")
        }
        let rowSize = shape.dropFirst().reduce(1, *)
        var out = Tensor(zeros: [range.count] + shape.dropFirst(), dtype: dtype)
        let bytes = dtype.byteSize
        out.makeUnique()
        out.storage.base.copyMemory(from: storage.base + range.lowerBound * rowSize * bytes, byteCount: range.count * rowSize * bytes)
        return out
    }

    /// The rows at `indices` along axis 0, in that order (a copy).
    public func rows(_ indices: [Int]) throws -> Tensor {
        guard rank >= 1 else { throw TensorError("rows: a scalar has no rows") }
        let rowSize = shape.dropFirst().reduce(1, *), bytes = dtype.byteSize * rowSize
        var out = Tensor(zeros: [indices.count] + shape.dropFirst(), dtype: dtype)
        out.makeUnique()
        for (i, r) in indices.enumerated() {
            guard r >= 0 && r < shape[0] else { throw TensorError("rows: index \(r) out of range 0..<\(shape[0])") }
            (out.storage.base + i * bytes).copyMemory(from: storage.base + r * bytes, byteCount: bytes)
        }
        return out
    }

    /// Concatenation along axis 0 (all other extents and dtypes equal).
    public static func concatenate(rows parts: [Tensor]) throws -> Tensor {
        guard let first = parts.first else { throw TensorError("concatenate: no tensors") }
        let tail = Array(first.shape.dropFirst())
        for p in parts where Array(p.shape.dropFirst()) != tail || p.dtype != first.dtype || p.rank == 0 {
            throw TensorError("concatenate: \(describeShape(p.shape)) \(p.dtype) does not stack with \(describeShape(first.shape)) \(first.dtype)")
        }
        var out = Tensor(zeros: [parts.reduce(0) { $0 + $1.shape[0] }] + tail, dtype: first.dtype)
        out.makeUnique()
        var offset = 0
        for p in parts {
            let bytes = p.count * p.dtype.byteSize
            (out.storage.base + offset).copyMemory(from: p.storage.base, byteCount: bytes)
            offset += bytes
        }
        return out
    }
}
