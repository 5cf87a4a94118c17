/// How a reduction of a row-major input to a target shape walks memory, after merging axes that can be
/// walked as one.
enum ReductionLayout {
    /// Input `[rows, length]`, output `[rows]`: every output reduces one contiguous run (reductions over
    /// trailing axes; over everything when `rows` is 1).
    case trailing(rows: Int, length: Int)
    /// Input `[outer, reduced, inner]`, output `[outer, inner]`: reduction over a middle axis (over
    /// leading axes when `outer` is 1).
    case middle(outer: Int, reduced: Int, inner: Int)
    /// Nothing is reduced: the output is a copy of `count` elements.
    case copy(Int)
    /// Anything else: the general strided walk.
    case strided(StridedPlan)

    /// The strided plan over the input `shape` with the input's and the target's strides.
    static func plan(shape: [Int], target: [Int]) -> StridedPlan {
        var inStrides = [Int](repeating: 0, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) { inStrides[axis] = running; running *= shape[axis] }
        return StridedPlan(target: shape, operandStrides: [inStrides, Broadcasting.strides(of: target, in: shape)])
    }

    init(shape: [Int], target: [Int]) {
        let plan = ReductionLayout.plan(shape: shape, target: target)
        let e = plan.extents, so = plan.strides[1]
        switch (e.count, so) {
        case (1, [0]): self = .trailing(rows: 1, length: e[0])
        case (1, [1]): self = .copy(e[0])
        case (2, [1, 0]): self = .trailing(rows: e[0], length: e[1])
        case (2, [0, 1]): self = .middle(outer: 1, reduced: e[0], inner: e[1])
        case (3, [e[2], 0, 1]): self = .middle(outer: e[0], reduced: e[1], inner: e[2])
        default: self = .strided(plan)
        }
    }
}

extension Tensor {
    /// Reduces into `out` (of the layout's output size); `out` is overwritten.
    func reduceKernel<T: TensorScalar & RunKernels>(_ op: ReductionOp, _: T.Type, layout: ReductionLayout, into out: inout Tensor) {
        let outCount = out.count
        withPointer(T.self) { x in
            out.withMutablePointer(T.self) { y in
                guard count > 0 else {
                    y.update(repeating: op == .sum ? 0 : -T.infinity, count: outCount)
                    return
                }
                switch layout {
                case .copy(let n): y.update(from: x, count: n)
                case .trailing(let rows, let length): Tensor.reduceTrailing(op, x, y, rows: rows, length: length)
                case .middle(let outer, let reduced, let inner): Tensor.reduceMiddle(op, x, y, outer: outer, reduced: reduced, inner: inner)
                case .strided(let plan): Tensor.reduceAlongPlan(op, x, y, outCount: outCount, plan: plan)
                }
            }
        }
    }

    /// Elements per block when one long run is reduced by several threads: blocks are reduced separately
    /// and their results combined in order, so the result does not depend on the number of threads.
    static let reductionBlock = 1 << 14

    private static func reduceTrailing<T: TensorScalar & RunKernels>(_ op: ReductionOp, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                                                    rows: Int, length: Int) {
        if rows == 1 && length >= 2 * reductionBlock {
            let blocks = (length + reductionBlock - 1) / reductionBlock
            var partial = [T](repeating: 0, count: blocks)
            partial.withUnsafeMutableBufferPointer { p in
                Parallel.forEachRange(blocks, cost: reductionBlock, alignment: 1) { r in
                    for b in r {
                        let start = b * reductionBlock
                        p[b] = reduceRun(op, x + start, Swift.min(reductionBlock, length - start))
                    }
                }
                y[0] = reduceRun(op, UnsafePointer(p.baseAddress!), blocks)
            }
            return
        }
        Parallel.forEachRange(rows, cost: length, alignment: 1) { r in
            for row in r { y[row] = reduceRun(op, x + row * length, length) }
        }
    }

    /// Columns per tile of a middle-axis reduction, so the output tile stays in cache across the rows.
    private static let reductionTile = 2048
    /// Rows per block when a middle-axis reduction over many rows is split: each block is reduced by one
    /// thread into a partial row, and the partial rows are combined in block order.
    static let reductionRowBlock = 256

    private static func reduceMiddle<T: TensorScalar>(_ op: ReductionOp, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                                       outer: Int, reduced: Int, inner: Int) {
        if reduced >= 2 * reductionRowBlock {
            // Many rows: threads take blocks of whole rows (contiguous memory), not columns.
            let blocks = (reduced + reductionRowBlock - 1) / reductionRowBlock
            var partial = [T](repeating: 0, count: blocks * inner)
            partial.withUnsafeMutableBufferPointer { p in
                let partials = p.baseAddress!
                for a in 0..<outer {
                    let src = x + a * reduced * inner
                    Parallel.forEachRange(blocks, cost: reductionRowBlock * inner, alignment: 1) { r in
                        for block in r {
                            let first = block * reductionRowBlock
                            accumulateRows(op, src + first * inner, partials + block * inner,
                                           rows: Swift.min(reductionRowBlock, reduced - first), stride: inner, count: inner)
                        }
                    }
                    accumulateRows(op, UnsafePointer(partials), y + a * inner, rows: blocks, stride: inner, count: inner)
                }
            }
            return
        }
        // Few rows: output elements are split between threads; each is accumulated over the rows in order.
        Parallel.forEachRange(outer * inner, cost: reduced) { r in
            var start = r.lowerBound
            while start < r.upperBound {
                let a = start / inner, column = start - a * inner
                let n = Swift.min(r.upperBound - start, inner - column)
                accumulateRows(op, x + a * reduced * inner + column, y + start, rows: reduced, stride: inner, count: n)
                start += n
            }
        }
    }

    /// `dst[i]` = the sum or maximum over `row < rows` of `src[row·stride + i]`, for `i < count`, rows
    /// in order (the first copied), in column tiles that stay in cache.
    @inline(__always)
    private static func accumulateRows<T: TensorScalar>(_ op: ReductionOp, _ src: UnsafePointer<T>, _ dst: UnsafeMutablePointer<T>,
                                                         rows: Int, stride: Int, count: Int) {
        var start = 0
        while start < count {
            let n = Swift.min(count - start, reductionTile), d = dst + start
            d.update(from: src + start, count: n)
            for row in 1..<Swift.max(1, rows) {
                let s = src + row * stride + start
                switch op {
                case .sum: for i in 0..<n { d[i] += s[i] }
                case .max: for i in 0..<n { d[i] = s[i] > d[i] || s[i].isNaN ? s[i] : d[i] }
                }
            }
            start += n
        }
    }

    @inline(__always)
    private static func reduceRun<T: RunKernels>(_ op: ReductionOp, _ p: UnsafePointer<T>, _ n: Int) -> T {
        op == .sum ? T.sumOfRun(p, n) : T.maximumOfRun(p, n)
    }

    private static func reduceAlongPlan<T: TensorScalar>(_ op: ReductionOp, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                                        outCount: Int, plan: StridedPlan) {
        y.update(repeating: op == .sum ? 0 : -T.infinity, count: outCount)
        let n = plan.runLength, si = plan.innerStride(0), so = plan.innerStride(1)
        plan.forEachRun { o0, o1 in
            let src = x + o0, dst = y + o1
            switch (op, so) {
            case (.sum, 0):
                var acc: T = 0
                if si == 1 { for i in 0..<n { acc += src[i] } } else { for i in 0..<n { acc += src[i * si] } }
                dst[0] += acc
            case (.sum, _):
                if si == 1 && so == 1 { for i in 0..<n { dst[i] += src[i] } } else { for i in 0..<n { dst[i * so] += src[i * si] } }
            case (.max, 0):
                var m = dst[0]
                for i in 0..<n where src[i * si] > m || src[i * si].isNaN { m = src[i * si] }
                dst[0] = m
            case (.max, _):
                for i in 0..<n where src[i * si] > dst[i * so] || src[i * si].isNaN { dst[i * so] = src[i * si] }
            }
        }
    }
}
