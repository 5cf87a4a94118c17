import SamLanguage
import Tensors

/// Tensor construction, linear algebra and conversion. Tensors made from `.sam` numbers and lists are
/// float64 unless a `dtype` says otherwise; `eigh` uses LAPACK's symmetric eigensolver.
extension BuiltinRegistry {
    /// The hint of a tensor result.
    private static let tensorHint = ValueTypeHint.native(Value.tensorTypeName)

    /// `tensor`, `zeros`, `ones`, `eye`, `diag`, `random_normal`, `dot`, `norm`, `matmul`, `outer`,
    /// `transpose`, `reshape`, `eigh`, `shape`, `to_list`.
    static func registerTensorBuiltins(into registry: inout BuiltinRegistry) {
        let dtype = Builtin.Parameter("dtype", .string, default: .string("float64"), doc: "\"float64\" or \"float32\"")
        registry.register("tensor", parameters: [.init("x", .any, doc: "a number, a list, or a list of lists of numbers"), dtype],
                          returns: tensorHint, doc: "A tensor from a number or (nested) lists of numbers.") { call in
            .tensor(try call.tensor("x").converted(to: try dtypeArgument(call)))
        }
        registry.register("zeros", parameters: [.init("shape", .any, doc: "an integer or a list of integers"), dtype], returns: tensorHint,
                          doc: "A tensor of zeros.") { call in
            .tensor(Tensor(zeros: try shapeArgument(call, "shape"), dtype: try dtypeArgument(call)))
        }
        registry.register("ones", parameters: [.init("shape", .any, doc: "an integer or a list of integers"), dtype], returns: tensorHint,
                          doc: "A tensor of ones.") { call in
            .tensor(Tensor(repeating: 1, shape: try shapeArgument(call, "shape"), dtype: try dtypeArgument(call)))
        }
        registry.register("eye", parameters: [.init("n", .int, doc: "the size"), dtype], returns: tensorHint,
                          doc: "The n × n identity matrix.") { call in
            let n = try shapeArgument(call, "n")[0]
            var identity = Tensor(zeros: [n, n], dtype: try dtypeArgument(call))
            for i in 0..<n { identity.setScalar(1, at: i * n + i) }
            return .tensor(identity)
        }
        registry.register("diag", parameters: [.init("x", .any, doc: "a vector (list) or a square matrix")], returns: tensorHint,
                          doc: "The diagonal matrix of a vector, or the diagonal of a matrix as a vector.") { call in
            let x = try call.tensor("x")
            switch x.rank {
            case 1:
                let n = x.count
                var matrix = Tensor(zeros: [n, n], dtype: x.dtype)
                for i in 0..<n { matrix.setScalar(x.scalar(at: i), at: i * n + i) }
                return .tensor(matrix)
            case 2:
                let n = min(x.shape[0], x.shape[1])
                return .tensor(try Tensor(shape: [n], scalars: (0..<n).map { x.scalar(at: $0 * x.shape[1] + $0) }, dtype: x.dtype))
            default:
                throw call.error("diag needs a vector or a matrix, got shape \(describeShape(x.shape))", argument: "x")
            }
        }
        registry.register(
            "random_normal",
            parameters: [.init("shape", .any, doc: "an integer or a list of integers"),
                         .optional("seed", .int, doc: "the seed; by default a fresh one derived from --seed"),
                         .init("std", .number, default: .number(1), doc: "the standard deviation"), dtype],
            returns: tensorHint, doc: "A tensor of independent normal samples with mean 0.") { call in
            let seed = try call.optionalInt("seed").map { UInt64(bitPattern: Int64($0)) } ?? call.context.nextSeed()
            var generator = RandomGenerator(seed: seed)
            return .tensor(generator.normalTensor(try shapeArgument(call, "shape"), std: try call.double("std"), dtype: try dtypeArgument(call)))
        }
        registerLinearAlgebra(into: &registry)
    }

    private static func registerLinearAlgebra(into registry: inout BuiltinRegistry) {
        let a = Builtin.Parameter("a", .any, doc: "a tensor or a list of numbers"), b = Builtin.Parameter("b", .any, doc: "a tensor or a list of numbers")
        registry.register("dot", parameters: [a, b], returns: .number, doc: "The inner product Σ aᵢbᵢ of two tensors with equal element counts.") { call in
            let (x, y) = commonDType(try call.tensor("a"), try call.tensor("b"))
            return .number(try x.dot(y))
        }
        registry.register("norm", parameters: [.init("x", .any, doc: "a tensor or a list of numbers")], returns: .number,
                          doc: "The Euclidean norm √(Σ xᵢ²) of all elements (overflow-safe).") { call in
            .number(try call.tensor("x").norm)
        }
        registry.register("matmul", parameters: [a, b], returns: .any,
                          doc: "The matrix product a @ b (a vector operand acts as a row or a column, as in NumPy).") { call in
            try Operators.binary(.matrixMultiply, .tensor(try call.tensor("a")), .tensor(try call.tensor("b")))
        }
        registry.register("outer", parameters: [a, b], returns: tensorHint, doc: "The outer product abᵀ of two vectors.") { call in
            let (x, y) = commonDType(try call.tensor("a"), try call.tensor("b"))
            return .tensor(try Tensor.matmul(try x.reshaped([x.count, 1]), try y.reshaped([1, y.count])))
        }
        registry.register("transpose", parameters: [.init("x", .any, doc: "a tensor"), .optional("axes", .list, doc: "a permutation of the axes")],
                          returns: tensorHint, doc: "The tensor with its axes reversed (a matrix's transpose), or permuted by axes.") { call in
            let x = try call.tensor("x")
            let axes = try call.optionalValue("axes") == nil ? nil : try call.list("axes").map { try $0.asInt(for: "axes") }
            return .tensor(try x.transposed(axes ?? Array((0..<x.rank).reversed())))
        }
        registry.register("reshape", parameters: [.init("x", .any, doc: "a tensor"), .init("shape", .any, doc: "the new shape")], returns: tensorHint,
                          doc: "The same elements in a new shape with the same element count.") { call in
            .tensor(try call.tensor("x").reshaped(try shapeArgument(call, "shape")))
        }
        registry.register("eigh", parameters: [.init("m", .any, doc: "a symmetric matrix")], returns: .record,
                          doc: "The eigendecomposition of a symmetric matrix (LAPACK): {values: ascending eigenvalues, vectors: matrix whose column i belongs to values[i]}.") { call in
            let decomposition = try call.tensor("m").symmetricEigen()
            let values = try Tensor(shape: [decomposition.values.count], scalars: decomposition.values, dtype: decomposition.vectors.dtype)
            return .record(Record([("values", .tensor(values)), ("vectors", .tensor(decomposition.vectors))]))
        }
        registry.register("shape", parameters: [.init("x", .any, doc: "a tensor or a nested list")], returns: .list,
                          doc: "The shape as a list of integers.") { call in
            .list(try call.tensor("x").shape.map(Value.integer))
        }
        registry.register("to_list", parameters: [.init("x", .any, doc: "a tensor")], returns: .any,
                          doc: "The elements as nested lists of numbers (a rank-0 tensor gives a number).") { call in
            let x = try call.tensor("x")
            let scalars = x.scalars
            func nested(_ axis: Int, _ offset: Int) -> Value {
                if axis == x.rank { return .number(scalars[offset]) }
                let stride = x.shape[(axis + 1)...].reduce(1, *)
                return .list((0..<x.shape[axis]).map { nested(axis + 1, offset + $0 * stride) })
            }
            return nested(0, 0)
        }
    }

    /// A `dtype` argument as a ``DType``.
    private static func dtypeArgument(_ call: BuiltinCall) throws -> DType {
        let name = try call.string("dtype")
        guard let dtype = DType(rawValue: name) else {
            throw call.error("unknown dtype \"\(name)\"", argument: "dtype", hint: "use \"float64\" or \"float32\"")
        }
        return dtype
    }

    /// A shape argument: an integer or a list of integers, each ≥ 0, with a bounded element count.
    private static func shapeArgument(_ call: BuiltinCall, _ name: String) throws -> [Int] {
        let value = try call.value(name)
        let shape: [Int]
        if case .integer(let n) = value { shape = [n] } else { shape = try call.list(name).map { try $0.asInt(for: name) } }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw call.error("a shape cannot have negative sizes: \(describeShape(shape))", argument: name) }
        var count = 1
        for size in shape {
            let product = count.multipliedReportingOverflow(by: size)
            guard !product.overflow, product.partialValue <= Value.maxMaterializedCount else {
                throw call.error("shape \(describeShape(shape)) has too many elements", argument: name)
            }
            count = product.partialValue
        }
        return shape
    }

    /// Both tensors in one dtype (float64 when they differ).
    private static func commonDType(_ a: Tensor, _ b: Tensor) -> (Tensor, Tensor) {
        a.dtype == b.dtype ? (a, b) : (a.converted(to: .float64), b.converted(to: .float64))
    }
}
