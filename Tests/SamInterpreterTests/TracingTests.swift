import SamInterpreter
import XCTest

/// Tracing `.sam` functions: one trace per argument shape, retracing when a captured value changes,
/// and errors that name the unsupported operation and its line.
final class TracingTests: XCTestCase {
    func testTheTraceIsMadeOncePerShapeAndReused() {
        let printed = output(of: """
            fn f(w) {
              print("tracing", w.shape)
              return sum(w * w) / 2
            }
            let w = tensor([1.0, 2.0, 3.0])
            for i in range(20) { let g = grad(f, w * i) }
            print(loss(f, w), hvp(f, w, w), hessian(f, w)[1, 1])
            print(grad(f, tensor([[1.0], [2.0]])))
            print(grad(f, w))
            """)
        XCTAssertEqual(printed, """
            tracing [3]
            7.0 tensor 3 float64 [1.0, 2.0, 3.0] 1.0
            tracing [2, 1]
            tensor 2x1 float64 [[1.0], [2.0]]
            tensor 3 float64 [1.0, 2.0, 3.0]

            """)
    }

    func testAChangedCapturedValueIsTracedAgain() {
        let printed = output(of: """
            let lam = 1.0
            let c = tensor([1.0, 1.0])
            fn penalty(w) => lam * dot(c, w * w)
            fn f(w) {
              print("tracing")
              return penalty(w) + sum(w)
            }
            let w = tensor([1.0, 2.0])
            print(grad(f, w))
            print(grad(f, w))
            lam = 3.0
            print(grad(f, w))
            c = tensor([0.0, 1.0])
            print(grad(f, w))
            fn penalty(w) => 0.0
            print(grad(f, w))
            """)
        XCTAssertEqual(printed, """
            tracing
            tensor 2 float64 [3.0, 5.0]
            tensor 2 float64 [3.0, 5.0]
            tracing
            tensor 2 float64 [7.0, 13.0]
            tracing
            tensor 2 float64 [1.0, 13.0]
            tracing
            tensor 2 float64 [1.0, 1.0]

            """)
    }

    func testUnsupportedOperationsNameTheOperationAndTheLine() {
        let cases: [(String, String)] = [
            ("print(p)", "main.sam:3:3: error: 'print' cannot take a traced tensor: it has no traced version"),
            ("let e = eigh(outer(p, p))", "main.sam:3:11: error: 'eigh' cannot take a traced tensor: it has no traced version"),
            ("let n = floor(p[0])", "main.sam:3:11: error: 'floor' cannot take a traced tensor: it has no traced version"),
            ("if p[0] > 0 { print(1) }", "main.sam:3:6: error: '>' cannot be applied to a traced tensor"),
            ("let r = p % 2", "main.sam:3:11: error: '%' cannot be applied to a traced tensor"),
            ("let b = p[0] == 1 and true", "main.sam:3:11: error: '==' cannot be applied to a traced tensor"),
            ("let b = p[0] and true", "main.sam:3:11: error: 'and' cannot be applied to a traced tensor"),
            ("for x in p { print(x) }", "main.sam:3:12: error: cannot loop over a TracedTensor"),
        ]
        for (line, expected) in cases {
            let (stderr, status) = failure(of: "let w = tensor([1.0, 2.0])\nfn f(p) {\n  \(line)\n  return sum(p)\n}\nprint(grad(f, w))\n")
            XCTAssertEqual(status, 70)
            XCTAssertTrue(stderr.hasPrefix(expected), "\(line):\n\(stderr)")
            XCTAssertTrue(stderr.contains("main.sam:6:7: note: in 'f', called from here"), stderr)
        }
    }

    func testResultsAndArgumentsThatCannotBeDifferentiatedAreErrors() {
        let cases: [(String, String)] = [
            ("fn f(p) => p\nprint(grad(f, tensor([1.0, 2.0])))", "main.sam:2:7: error: 'f' must return a scalar, but returned a tensor of shape [2]"),
            ("fn f(p) => \"x\"\nprint(grad(f, tensor([1.0])))", "main.sam:2:7: error: 'f' must return a scalar, but returned a string"),
            ("let kept = 0\nfn f(p) {\n  kept = p\n  return sum(p)\n}\nlet g = grad(f, tensor([1.0]))\nprint(kept + 1)",
             "main.sam:7:7: error: a traced tensor was used outside the function call it was traced in"),
            ("fn f(p) => sum(p)\nprint(hvp(f, tensor([1.0, 2.0]), tensor([1.0])))", "main.sam:2:34: error: 'v' must be shaped like w ([2]), but got [1]"),
            ("fn f(p) => sum(p)\nprint(hvp(f, tensor([1.0, 2.0])))", "main.sam:2:7: error: hvp of a function needs the vector v"),
            ("fn f(p) => sum(p)\nprint(hessian(f))", "main.sam:2:7: error: 'hessian' of a function needs the point w"),
            ("fn f(p) => sum(p @ p)\nprint(grad(f, tensor([[1.0, 2.0]])))", "main.sam:1:16: error: matmul"),
        ]
        for (source, expected) in cases {
            let (stderr, status) = failure(of: source)
            XCTAssertEqual(status, 70)
            XCTAssertTrue(stderr.hasPrefix(expected), "\(source):\n\(stderr)")
        }
    }

    func testNewElementwiseBuiltinsWorkOnNumbersAndTensors() {
        XCTAssertEqual(output(of: "print(tanh(0), relu(-2), square(3), relu(tensor([-1.0, 2.0])), square(tensor([2.0])))"),
                       "0.0 0.0 9.0 tensor 2 float64 [0.0, 2.0] tensor 1 float64 [4.0]\n")
    }
}
