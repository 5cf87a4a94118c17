/// Binary elementwise operations with NumPy broadcasting.
///
/// The operands' layout relative to the output is classified once per call (``BinaryLayout``): equal
/// shapes, a scalar operand, an operand repeated along the rows of a `[R, C]` view (`[R, C] op [C]`) or
/// along its columns (`[R, C] op [R, 1]`) run in dedicated loops split over threads; any other broadcast
/// walks the general strided plan.
extension Tensor {
    /// `op(a, b)` with broadcasting, into `out` (which must have the broadcast shape and the common dtype).
    public static func apply(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, into out: inout Tensor) throws {
        let target = try binaryTarget(op, a, b, out)
        let layout = BinaryLayout(a: a.shape, b: b.shape, target: target)
        switch a.dtype {
        case .float32: binaryKernel(op, a, b, Float.self, layout: layout, into: &out)
        case .float64: binaryKernel(op, a, b, Double.self, layout: layout, into: &out)
        }
    }

    /// `op(a, b)` with broadcasting.
    public static func applying(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        var out = Tensor(zeros: try Broadcasting.shape(a.shape, b.shape), dtype: a.dtype)
        try apply(op, a, b, into: &out)
        return out
    }

    /// The general strided path for any broadcast, without the fast paths (the reference the tests
    /// compare them with).
    static func applyStrided(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, into out: inout Tensor) throws {
        let target = try binaryTarget(op, a, b, out)
        let plan = BinaryLayout.plan(a: a.shape, b: b.shape, target: target)
        switch a.dtype {
        case .float32: binaryKernel(op, a, b, Float.self, layout: .strided(plan), into: &out)
        case .float64: binaryKernel(op, a, b, Double.self, layout: .strided(plan), into: &out)
        }
    }

    private static func binaryTarget(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ out: Tensor) throws -> [Int] {
        guard a.dtype == b.dtype else { throw TensorError("\(op): mixed element types \(a.dtype) and \(b.dtype)") }
        let target = try Broadcasting.shape(a.shape, b.shape)
        guard out.shape == target, out.dtype == a.dtype else {
            throw TensorError("\(op): output \(describeShape(out.shape)) for broadcast shape \(describeShape(target))")
        }
        return target
    }

    private static func binaryKernel<T: TensorScalar>(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _: T.Type,
                                                       layout: BinaryLayout, into out: inout Tensor) {
        let cost = op == .divide ? 2 : 1
        a.withPointer(T.self) { pa in
            b.withPointer(T.self) { pb in
                out.withMutablePointer(T.self) { po in
                    switch layout {
                    case .elementwise(let n):
                        Parallel.forEachRange(n, cost: cost) { r in
                            let s = r.lowerBound
                            runBinary(op, pa + s, 1, pb + s, 1, po + s, r.count)
                        }
                    case .scalarLeft(let n):
                        Parallel.forEachRange(n, cost: cost) { r in runBinary(op, pa, 0, pb + r.lowerBound, 1, po + r.lowerBound, r.count) }
                    case .scalarRight(let n):
                        Parallel.forEachRange(n, cost: cost) { r in runBinary(op, pa + r.lowerBound, 1, pb, 0, po + r.lowerBound, r.count) }
                    case .rows(let rows, let columns, let repeatedIsLeft):
                        // The repeated operand is one row of `columns` elements.
                        Parallel.forEachRange(rows, cost: cost * columns, alignment: 1) { r in
                            for row in r {
                                let o = row * columns
                                if repeatedIsLeft { runBinary(op, pa, 1, pb + o, 1, po + o, columns) } else { runBinary(op, pa + o, 1, pb, 1, po + o, columns) }
                            }
                        }
                    case .columns(let rows, let columns, let repeatedIsLeft):
                        // The repeated operand holds one value per row.
                        Parallel.forEachRange(rows, cost: cost * columns, alignment: 1) { r in
                            for row in r {
                                let o = row * columns
                                if repeatedIsLeft { runBinary(op, pa + row, 0, pb + o, 1, po + o, columns) } else { runBinary(op, pa + o, 1, pb + row, 0, po + o, columns) }
                            }
                        }
                    case .strided(let plan):
                        // Runs are split over threads; the output is written in row-major order.
                        let n = plan.runLength, sa = plan.innerStride(0), sb = plan.innerStride(1)
                        Parallel.forEachRange(plan.runCount, cost: cost * n, alignment: 1) { runs in
                            var outOffset = runs.lowerBound * n
                            plan.forEachRun(runs) { oa, ob in
                                runBinary(op, pa + oa, sa, pb + ob, sb, po + outOffset, n)
                                outOffset += n
                            }
                        }
                    }
                }
            }
        }
    }

    /// `o[i] = a[i·sa] op b[i·sb]` for `i < n`, with dedicated loops for unit and zero strides.
    @inline(__always)
    private static func runBinary<T: TensorScalar>(_ op: BinaryOp, _ a: UnsafePointer<T>, _ sa: Int,
                                                    _ b: UnsafePointer<T>, _ sb: Int, _ o: UnsafeMutablePointer<T>, _ n: Int) {
        switch (sa, sb) {
        case (1, 1):
            switch op {
            case .add: for i in 0..<n { o[i] = a[i] + b[i] }
            case .subtract: for i in 0..<n { o[i] = a[i] - b[i] }
            case .multiply: for i in 0..<n { o[i] = a[i] * b[i] }
            case .divide: for i in 0..<n { o[i] = a[i] / b[i] }
            }
        case (1, 0):
            let s = b[0]
            switch op {
            case .add: for i in 0..<n { o[i] = a[i] + s }
            case .subtract: for i in 0..<n { o[i] = a[i] - s }
            case .multiply: for i in 0..<n { o[i] = a[i] * s }
            case .divide: for i in 0..<n { o[i] = a[i] / s }
            }
        case (0, 1):
            let s = a[0]
            switch op {
            case .add: for i in 0..<n { o[i] = s + b[i] }
            case .subtract: for i in 0..<n { o[i] = s - b[i] }
            case .multiply: for i in 0..<n { o[i] = s * b[i] }
            case .divide: for i in 0..<n { o[i] = s / b[i] }
            }
        default:
            for i in 0..<n {
                let x = a[i * sa], y = b[i * sb]
                switch op {
                case .add: o[i] = x + y
                case .subtract: o[i] = x - y
                case .multiply: o[i] = x * y
                case .divide: o[i] = x / y
                }
            }
        }
    }

    /// `a + b` with broadcasting.
    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try applying(.add, a, b) }
    /// `a − b` with broadcasting.
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try applying(.subtract, a, b) }
    /// `a · b` elementwise with broadcasting.
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try applying(.multiply, a, b) }
    /// `a / b` elementwise with broadcasting.
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try applying(.divide, a, b) }
    /// Elementwise negation.
    public static prefix func - (a: Tensor) -> Tensor { a.applying(.negate) }
}

/// Where the two operands of a broadcast binary operation sit relative to its row-major output, after
/// merging axes that can be walked as one.
enum BinaryLayout {
    /// Both operands have the output's shape: `n` elements side by side.
    case elementwise(Int)
    /// The left operand is one value, the right one has the output's `n` elements.
    case scalarLeft(Int)
    /// The right operand is one value, the left one has the output's `n` elements.
    case scalarRight(Int)
    /// The output is `[rows, columns]`; one operand is a full `[rows, columns]`, the other (`repeatedIsLeft`
    /// tells which) is one `[columns]` row repeated down the rows.
    case rows(rows: Int, columns: Int, repeatedIsLeft: Bool)
    /// The output is `[rows, columns]`; one operand is a full `[rows, columns]`, the other holds one value
    /// per row, repeated across the columns.
    case columns(rows: Int, columns: Int, repeatedIsLeft: Bool)
    /// Anything else: the general strided walk.
    case strided(StridedPlan)

    /// The strided plan over `target` for operands of shapes `a` and `b`.
    static func plan(a: [Int], b: [Int], target: [Int]) -> StridedPlan {
        StridedPlan(target: target, operandStrides: [Broadcasting.strides(of: a, in: target), Broadcasting.strides(of: b, in: target)])
    }

    init(a: [Int], b: [Int], target: [Int]) {
        let n = target.reduce(1, *)
        if a == b { self = .elementwise(n); return }
        let plan = BinaryLayout.plan(a: a, b: b, target: target)
        let sa = plan.strides[0], sb = plan.strides[1]
        switch plan.extents.count {
        case 1 where sa == [1] && sb == [0]: self = .scalarRight(n)
        case 1 where sa == [0] && sb == [1]: self = .scalarLeft(n)
        case 1 where sa == sb: self = .elementwise(n)
        case 2:
            let (r, c) = (plan.extents[0], plan.extents[1])
            switch (sa, sb) {
            case ([c, 1], [0, 1]): self = .rows(rows: r, columns: c, repeatedIsLeft: false)
            case ([0, 1], [c, 1]): self = .rows(rows: r, columns: c, repeatedIsLeft: true)
            case ([c, 1], [1, 0]): self = .columns(rows: r, columns: c, repeatedIsLeft: false)
            case ([1, 0], [c, 1]): self = .columns(rows: r, columns: c, repeatedIsLeft: true)
            default: self = .strided(plan)
            }
        default: self = .strided(plan)
        }
    }
}
