/// Row lookups by integer ids (embeddings) and their transpose. Ids are stored as integral floating-point
/// values (exact below 2^24 in Float32), so token ids travel through the same tensors as everything else.
extension Tensor {
    /// `out[i, :] = self[ids[i], :]` for a `[rows, D]` table; `out` has shape `ids.shape + [D]`.
    public func gatherRows(ids: Tensor, into out: inout Tensor) throws {
        guard rank == 2, out.shape == ids.shape + [shape[1]], out.dtype == dtype else {
            throw TensorError("embedding: table \(describeShape(shape)), ids \(describeShape(ids.shape)), output \(describeShape(out.shape))")
        }
        let d = shape[1], rows = shape[0], rowIDs = ids.scalars.map { Int($0) }
        guard rowIDs.allSatisfy({ $0 >= 0 && $0 < rows }) else { throw TensorError("embedding: an id is outside 0..<\(rows)") }
        let bytes = d * dtype.byteSize
        out.makeUnique()
        for (i, r) in rowIDs.enumerated() {
            (out.storage.base + i * bytes).copyMemory(from: storage.base + r * bytes, byteCount: bytes)
        }
    }

    /// `out[ids[i], :] += self[i, :]` into a zeroed `[rows, D]` table (the transpose of ``gatherRows(ids:into:)``).
    public func scatterAddRows(ids: Tensor, into out: inout Tensor) throws {
        guard let d = shape.last, out.rank == 2, out.shape[1] == d, Array(shape.dropLast()) == ids.shape, out.dtype == dtype else {
            throw TensorError("embedding transpose: upstream \(describeShape(shape)), ids \(describeShape(ids.shape)), table \(describeShape(out.shape))")
        }
        let rows = out.shape[0], rowIDs = ids.scalars.map { Int($0) }
        guard rowIDs.allSatisfy({ $0 >= 0 && $0 < rows }) else { throw TensorError("embedding: an id is outside 0..<\(rows)") }
        out.fill(0)
        switch dtype {
        case .float32: scatterRowsKernel(Float.self, rowIDs, d, &out)
        case .float64: scatterRowsKernel(Double.self, rowIDs, d, &out)
        }
    }

    private func scatterRowsKernel<T: TensorScalar>(_: T.Type, _ rowIDs: [Int], _ d: Int, _ out: inout Tensor) {
        withPointer(T.self) { src in
            out.withMutablePointer(T.self) { dst in
                for (i, r) in rowIDs.enumerated() {
                    let s = src + i * d, t = dst + r * d
                    for j in 0..<d { t[j] += s[j] }
                }
            }
        }
    }
}
