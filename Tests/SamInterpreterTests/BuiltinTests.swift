import SamInterpreter
import SamLanguage
import XCTest

/// The pure and tensor builtins, and what the registry derives from them.
final class BuiltinTests: XCTestCase {
    func testValueBuiltins() {
        XCTAssertEqual(output(of: """
            print(len([1, 2]), len("héllo"), len(0..<7), len({a: 1}), len(zeros([4, 2])))
            print(range(3), range(2, 8, 3), to_list(tensor(range(2, 8, 3))), len(range(10, 0, -1)))
            print(append([1], 2), concat([1], [], 2...3), keys({x: 1, y: 2}), type(fn() => 1))
            print(abs(-3), abs(-2.5), sqrt(16), exp(0), log(e), floor(-1.5), round(2.5), round(3.5), round(2.675, digits: 1))
            print(min(3, 1, 2), max([1.5, 0.5]), min(tensor([4, -2])), sum([1, 2, 3]), sum([0.5, 1]), sum([]), sum(ones([2, 2])))
            print(sqrt(-1), log(0), 1 / inf, pi)
            """), """
            2 5 7 1 4
            0..<3 range(2, 8, 3) [2.0, 5.0] 10
            [1, 2] [1, 2, 3] ["x", "y"] function
            3 2.5 4.0 1.0 1.0 -2 2 4 2.7
            1 1.5 -2.0 6 1.5 0 4.0
            nan -inf 0.0 3.141592653589793

            """)
    }

    /// `median` and `mean` skip nan (metrics columns have nan where a probe did not measure).
    func testMedianAndMeanIgnoreNaN() {
        XCTAssertEqual(output(of: """
            print(median([3, 1, 2]), median([4.0, 1, 2, 3]), median([nan, 1.0, 5.0]), median([]))
            print(mean(range(5)), mean([nan, 2.0, 4.0]), mean(tensor([1.0, 2.0])))
            let xs = [1, 2, 3, 4, 5, 6]
            print(median(xs[len(xs) / 2 ..< len(xs)]))
            """), "2.0 2.5 3.0 nan\n2.0 3.0 1.5\n5.0\n")
    }

    func testTensorBuiltins() {
        XCTAssertEqual(output(of: """
            let m = tensor([[4, 1], [1, 3]])
            print(zeros(2), ones([1, 2], dtype: "float32"), eye(2), diag([1, 2]), diag(m))
            print(dot([1, 2], [3, 4]), norm([3, 4]), matmul(m, [1, 0]), outer([1, 2], [1, 0, 1]))
            print(transpose(tensor([[1, 2, 3]])), reshape(range(6), [2, 3]), shape(m), shape([[1, 2, 3]]), to_list(m))
            let r = eigh(tensor([[2, 0], [0, 1]]))
            print(r.values, r.vectors)
            let a = random_normal([2, 2], seed: 3)
            let b = random_normal([2, 2], seed: 3)
            print(a == b, shape(random_normal(5)), random_normal(3) == random_normal(3))
            """), """
            tensor 2 float64 [0.0, 0.0] tensor 1x2 float32 [[1.0, 1.0]] tensor 2x2 float64 [[1.0, 0.0], [0.0, 1.0]] tensor 2x2 float64 [[1.0, 0.0], [0.0, 2.0]] tensor 2 float64 [4.0, 3.0]
            11.0 5.0 tensor 2 float64 [4.0, 1.0] tensor 2x3 float64 [[1.0, 0.0, 1.0], [2.0, 0.0, 2.0]]
            tensor 3x1 float64 [[1.0], [2.0], [3.0]] tensor 2x3 float64 [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]] [2, 2] [1, 3] [[4.0, 1.0], [1.0, 3.0]]
            tensor 2 float64 [1.0, 2.0] tensor 2x2 float64 [[0.0, 1.0], [1.0, 0.0]]
            true [5] false

            """)
    }

    func testAssertCloseAndBadArguments() {
        XCTAssertEqual(output(of: "assert_close(0.1 + 0.2, 0.3)\nassert_close([1, 2], tensor([1, 2.000001]), rtol: 1e-5)\nprint(\"ok\")\n"), "ok\n")
        XCTAssertTrue(failure(of: "assert_close([1, 2], [1])\n").stderr.contains("error: assert_close: shapes [2] and [1] differ"))
        XCTAssertTrue(failure(of: "zeros(2, dtype: \"int8\")\n").stderr.contains("hint: use \"float64\" or \"float32\""))
        XCTAssertTrue(failure(of: "zeros([-1])\n").stderr.contains("error: a shape cannot have negative sizes: [-1]"))
        XCTAssertTrue(failure(of: "zeros([100000, 100000])\n").stderr.contains("has too many elements"))
        XCTAssertTrue(failure(of: "range(1, 5, 0)\n").stderr.contains("error: the step of a range cannot be 0"))
        XCTAssertTrue(failure(of: "min([])\n").stderr.contains("error: min of nothing"))
        XCTAssertTrue(failure(of: "len(3)\n").stderr.contains("error: len of an integer"))
    }

    func testHelpDescribesBuiltinsConstantsAndProbes() {
        var registry = BuiltinRegistry.standard()
        registry.register(ProbeSpec("hessian_top", parameters: [.init("k", .int, default: .integer(1), doc: "how many")], doc: "Top eigenvalues."))
        XCTAssertEqual(registry.help("zeros"), """
            zeros(shape, dtype: "float64") -> a Tensor
              A tensor of zeros.
              shape: any value — an integer or a list of integers
              dtype: a string = "float64" — "float64" or "float32"
            """)
        XCTAssertEqual(registry.help("pi"), "pi = 3.141592653589793\n  π = 3.14159…")
        XCTAssertEqual(registry.help("hessian_top"), "probe hessian_top(k)\n  Top eigenvalues.\n  k: an integer = 1 — how many")
        XCTAssertNil(registry.help("nothing"))
        XCTAssertTrue(registry.overview.contains("eigh"))
        XCTAssertTrue(registry.completionWords.contains("hessian_top") && registry.completionWords.contains("pi"))
        XCTAssertTrue(output(of: "help(\"len\")\n").hasPrefix("len(x) -> an integer\n"))
        XCTAssertTrue(output(of: "help(\"nope\")\n").contains("no builtin, constant or probe is named 'nope'"))
    }

    /// Where samlab's conventions differ from JAX/PyTorch code, help says so: mse averages over outputs too.
    func testHelpSaysHowTheLossesRelateAndWhatNPZDataReads() {
        let mse = output(of: "help(\"mse\")\n")
        XCTAssertTrue(mse.contains("mean over examples AND outputs"), mse)
        XCTAssertTrue(mse.contains("2/K × half_sse") && mse.contains("Cohen et al.") && mse.contains("use half_sse"), mse)
        XCTAssertTrue(output(of: "help(\"half_sse\")\n").contains("= K/2 × mse"))
        let npz = output(of: "help(\"npz_data\")\n")
        XCTAssertTrue(npz.contains("<f4, <f8, <i4, <i8 and |u1") && npz.contains("float64 stays float64"), npz)
    }

    func testCatalogFeedsTheChecker() {
        let catalog = BuiltinRegistry.standard().catalog
        XCTAssertEqual(catalog.functions["zeros"]?.parameters.map(\.hasDefault), [false, true])
        XCTAssertEqual(catalog.constants["pi"]?.type, .float)
        XCTAssertTrue(catalog.functions["print"]?.variadic ?? false)
    }
}
