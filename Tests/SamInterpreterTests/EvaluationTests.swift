import SamInterpreter
import XCTest

/// Every statement and expression form evaluates as the grammar describes.
final class EvaluationTests: XCTestCase {
    func testLiteralsAndArithmetic() {
        XCTAssertEqual(output(of: """
            print(1 + 2 * 3, (1 + 2) * 3, 7 / 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1, -2 ** 2)
            print(0.1 + 0.2, 1.5 * 2, 1 + 0.5, 5.5 % 2, 1e-3, 3.0)
            print("a" + "b", [1] + [2, 3], true, false, none)
            """), """
            7 9 3.5 1 2 -2 1024 0.5 -4
            0.30000000000000004 3.0 1.5 1.5 0.001 3.0
            ab [1, 2, 3] true false none

            """)
    }

    func testComparisonsAndLogic() {
        XCTAssertEqual(output(of: """
            print(1 < 2, 2 <= 2, 3 > 4, 1 == 1.0, "a" < "b", [1, 2] == [1, 2], {a: 1} == {a: 1}, 1 != 2)
            print(true and false, true or false, not true, not 1 == 2)
            fn boom() { assert false, "never evaluated" }
            print(false and boom(), true or boom())
            """), """
            true true false true true true true true
            false true false true
            false true

            """)
    }

    func testListsRecordsRangesAndIndexing() {
        XCTAssertEqual(output(of: """
            let xs = [10, 20, 30, 40]
            print(xs[0], xs[-1], xs[1..<3], xs[0...1], len(xs))
            let r = {lr: 0.1, name: "sgd", inner: {k: 3}}
            print(r.lr, r["name"], r.inner.k, keys(r))
            print(0..<3, 1...3, range(5), range(1, 10, 4), (0..<10)[2], "hello"[1], "hello"[1..<3])
            """), """
            10 40 [20, 30] [10, 20] 4
            0.1 sgd 3 ["lr", "name", "inner"]
            0..<3 1...3 0..<5 range(1, 10, 4) 2 e el

            """)
    }

    func testControlFlow() {
        XCTAssertEqual(output(of: """
            let total = 0
            for i in 0..<5 {
              if i % 2 == 0 { total += i } else if i == 3 { total += 100 } else { total -= 1 }
            }
            print(total)
            let n = 0
            while n < 3 { n += 1 }
            print(n)
            for x in [1, 2] { for y in range(2) { print(x, y) } }
            """), """
            105
            3
            1 0
            1 1
            2 0
            2 1

            """)
    }

    func testFunctionsWithDefaultsAndNamedArguments() {
        XCTAssertEqual(output(of: """
            fn scale(x, by: 2, shift: 0) { return x * by + shift }
            print(scale(3), scale(3, 10), scale(3, shift: 1), scale(x: 1, by: 0.5))
            fn nothing() { }
            print(nothing())
            let square = fn(x) => x * x
            print(square(4), [1, 2, 3] == [1, 2, 3])
            fn counter_default(x, seen: []) => append(seen, x)
            print(counter_default(1), counter_default(2))
            """), """
            6 30 7 0.5
            none
            16 true
            [1] [2]

            """)
    }

    func testAssertPassesAndFails() {
        XCTAssertEqual(output(of: "assert 1 + 1 == 2\nassert true, \"fine\"\nprint(\"ok\")\n"), "ok\n")
        let (stderr, status) = failure(of: "let x = 3\nassert x > 5\n")
        XCTAssertEqual(status, 70)
        XCTAssertTrue(stderr.hasPrefix("main.sam:2:8: error: assertion failed: x > 5\n"), stderr)
        XCTAssertTrue(failure(of: "assert false, \"custom \" + str(1)\n").stderr.contains("error: assertion failed: custom 1"))
    }

    func testTensorArithmeticBroadcastsAndMultiplies() {
        XCTAssertEqual(output(of: """
            let m = tensor([[1, 2], [3, 4]])
            print(m + 1, m * [10, 100], 2 * m - m)
            print(m @ m, m @ [1, 1], [1, 1] @ m, [1, 2] @ [3, 4])
            print(m[1], m[1, 0], m[-1, -1], m.shape, m ** 2, -m)
            for row in m { print(row) }
            """), """
            tensor 2x2 float64 [[2.0, 3.0], [4.0, 5.0]] tensor 2x2 float64 [[10.0, 200.0], [30.0, 400.0]] tensor 2x2 float64 [[1.0, 2.0], [3.0, 4.0]]
            tensor 2x2 float64 [[7.0, 10.0], [15.0, 22.0]] tensor 2 float64 [3.0, 7.0] tensor 2 float64 [4.0, 6.0] 11.0
            tensor 2 float64 [3.0, 4.0] 3.0 4.0 [2, 2] tensor 2x2 float64 [[1.0, 4.0], [9.0, 16.0]] tensor 2x2 float64 [[-1.0, -2.0], [-3.0, -4.0]]
            tensor 2 float64 [1.0, 2.0]
            tensor 2 float64 [3.0, 4.0]

            """)
    }

    func testTypeAndStringConversions() {
        XCTAssertEqual(output(of: """
            print(type(1), type(1.0), type("s"), type([]), type({}), type(0..<1), type(print), type(none), type(zeros(2)))
            print(str(0.1) + "!", str([1, "a"]))
            """), """
            integer number string list record range function none tensor
            0.1! [1, "a"]

            """)
    }

    func testIntegerOverflowAndDivisionByZeroAreErrors() {
        XCTAssertTrue(failure(of: "print(9223372036854775807 + 1)\n").stderr.contains("error: integer overflow in 9223372036854775807 + 1"))
        XCTAssertTrue(failure(of: "print(2 ** 64)\n").stderr.contains("error: integer overflow"))
        XCTAssertTrue(failure(of: "print(1 / 0)\n").stderr.contains("error: division by zero"))
        XCTAssertTrue(failure(of: "print(1 % 0)\n").stderr.contains("error: remainder of a division by zero"))
        XCTAssertEqual(output(of: "print(1.0 * 9223372036854775807 + 1)\n"), "9.223372036854776e+18\n")
    }
}
