/// NumPy broadcasting rules and the strided iteration plans the kernels use.
public enum Broadcasting {
    /// The broadcast shape of two shapes (right-aligned; each pair of extents equal or one of them 1).
    public static func shape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else {
                throw TensorError("shapes \(describeShape(a)) and \(describeShape(b)) do not broadcast (axis \(i): \(da) vs \(db))")
            }
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// Whether `shape` broadcasts to `target` without changing `target`.
    public static func canBroadcast(_ shape: [Int], to target: [Int]) -> Bool {
        guard shape.count <= target.count else { return false }
        let offset = target.count - shape.count
        for i in 0..<shape.count where shape[i] != 1 && shape[i] != target[i + offset] { return false }
        return true
    }

    /// Row-major element strides of `shape` as seen from `target` (0 on broadcast axes).
    static func strides(of shape: [Int], in target: [Int]) -> [Int] {
        let offset = target.count - shape.count
        var strides = [Int](repeating: 0, count: target.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + offset] = shape[i] == 1 ? 0 : running
            running *= shape[i]
        }
        return strides
    }
}

/// An iteration over a (broadcast) output shape with one stride list per operand, after merging adjacent
/// axes that can be walked as one. The innermost axis is last; most real cases collapse to 1–3 axes.
struct StridedPlan {
    var extents: [Int]
    var strides: [[Int]]

    /// Builds the plan for `target` and operand stride lists (each of `target.count` entries).
    init(target: [Int], operandStrides: [[Int]]) {
        var extents: [Int] = []
        var strides: [[Int]] = Array(repeating: [], count: operandStrides.count)
        for axis in 0..<target.count where target[axis] != 1 {
            if let last = extents.last,
               (0..<operandStrides.count).allSatisfy({ strides[$0].last! == operandStrides[$0][axis] * target[axis] }) {
                extents[extents.count - 1] = last * target[axis]
                for k in 0..<operandStrides.count { strides[k][strides[k].count - 1] = operandStrides[k][axis] }
            } else {
                extents.append(target[axis])
                for k in 0..<operandStrides.count { strides[k].append(operandStrides[k][axis]) }
            }
        }
        if extents.isEmpty {
            extents = [1]
            strides = strides.map { _ in [0] }
        }
        self.extents = extents
        self.strides = strides
    }

    /// Number of innermost runs (the product of the outer extents).
    var runCount: Int { extents.dropLast().reduce(1, *) }
    /// Elements per innermost run.
    var runLength: Int { extents[extents.count - 1] }
    /// Operand `k`'s stride along the innermost axis.
    func innerStride(_ k: Int) -> Int { strides[k][extents.count - 1] }

    /// Calls `body(offset0, offset1)` with the start of each innermost run in `runs` (all runs when nil),
    /// in order, for a plan of two operands. The offsets advance incrementally, one outer axis at a time;
    /// the run length and inner strides are ``runLength`` and ``innerStride(_:)``.
    @inline(__always)
    func forEachRun(_ runs: Range<Int>? = nil, _ body: (Int, Int) -> Void) {
        precondition(strides.count == 2, "a strided walk of \(strides.count) operands")
        let outer = extents.count - 1
        let runs = runs ?? 0..<runCount
        let s0 = strides[0], s1 = strides[1]
        // The multi-index and operand offsets of the first run.
        var index = [Int](repeating: 0, count: Swift.max(outer, 1))
        var o0 = 0, o1 = 0, rest = runs.lowerBound
        for axis in stride(from: outer - 1, through: 0, by: -1) {
            index[axis] = rest % extents[axis]
            rest /= extents[axis]
            o0 += index[axis] * s0[axis]
            o1 += index[axis] * s1[axis]
        }
        for _ in runs {
            body(o0, o1)
            var axis = outer - 1
            while axis >= 0 {
                index[axis] += 1
                o0 += s0[axis]
                o1 += s1[axis]
                if index[axis] < extents[axis] { break }
                o0 -= s0[axis] * extents[axis]
                o1 -= s1[axis] * extents[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
