import SamInterpreter
import SamLanguage
import Tensors
import XCTest

/// Values: formatting, conversions with their messages, type hints, ranges.
final class ValueTests: XCTestCase {
    func testNumbersPrintShortest() {
        XCTAssertEqual(ValueFormatter.repr(.number(0.1)), "0.1")
        XCTAssertEqual(ValueFormatter.repr(.number(1)), "1.0")
        XCTAssertEqual(ValueFormatter.repr(.number(0.1 + 0.2)), "0.30000000000000004")
        XCTAssertEqual(ValueFormatter.repr(.number(.infinity)), "inf")
        XCTAssertEqual(ValueFormatter.repr(.integer(-3)), "-3")
    }

    func testCompositeValuesPrintAsLiterals() {
        let record = Value.record(Record([("a", .integer(1)), ("b", .list([.string("x\n"), .bool(true), .none]))]))
        XCTAssertEqual(ValueFormatter.repr(record), #"{a: 1, b: ["x\n", true, none]}"#)
        XCTAssertEqual(ValueFormatter.display(.string("plain")), "plain")
        XCTAssertEqual(ValueFormatter.repr(.range(RangeValue(start: 0, end: 4, inclusive: true))), "0...3")
        XCTAssertEqual(ValueFormatter.repr(.range(RangeValue(start: 0, end: 4))), "0..<4")
    }

    func testTensorsPrintShapeDtypeAndElideLongAxes() throws {
        let small = try Tensor(shape: [2, 2], scalars: [2, 1, 1, 2], dtype: .float64)
        XCTAssertEqual(ValueFormatter.repr(.tensor(small)), "tensor 2x2 float64 [[2.0, 1.0], [1.0, 2.0]]")
        let float = Tensor([Float(0.1)], shape: [1])
        XCTAssertEqual(ValueFormatter.repr(.tensor(float)), "tensor 1 float32 [0.1]")
        let long = try Tensor(shape: [200], scalars: (0..<200).map(Double.init), dtype: .float64)
        XCTAssertEqual(ValueFormatter.repr(.tensor(long)), "tensor 200 float64 [0.0, 1.0, 2.0, …, 197.0, 198.0, 199.0]")
    }

    func testConversionsNameTheParameter() {
        XCTAssertEqual(try Value.integer(3).asDouble(for: "lr"), 3)
        XCTAssertThrowsError(try Value.string("x").asDouble(for: "lr")) { error in
            XCTAssertEqual((error as? RuntimeError)?.message, "'lr' must be a number, but got a string")
        }
        XCTAssertEqual(try Value.number(4).asInt(for: "steps"), 4)
        XCTAssertThrowsError(try Value.number(4.5).asInt(for: "steps")) { error in
            XCTAssertEqual((error as? RuntimeError)?.message, "'steps' must be an integer, but got 4.5")
        }
        XCTAssertEqual(try Value.range(RangeValue(start: 1, end: 4)).asList(for: "xs").count, 3)
    }

    func testNestedListsBecomeTensors() throws {
        let matrix = Value.list([.list([.integer(1), .number(2)]), .list([.integer(3), .integer(4)])])
        let tensor = try matrix.asTensor(for: "m")
        XCTAssertEqual(tensor.shape, [2, 2])
        XCTAssertEqual(tensor.dtype, .float64)
        XCTAssertEqual(tensor.scalars, [1, 2, 3, 4])
        XCTAssertEqual(try Value.number(2).asTensor(for: "x").shape, [])
        let ragged = Value.list([.list([.integer(1)]), .list([.integer(3), .integer(4)])])
        XCTAssertThrowsError(try ragged.asTensor(for: "m")) { error in
            XCTAssertEqual((error as? RuntimeError)?.message, "'m' is a ragged nested list: a list of 2 where a list of 1 was expected")
        }
    }

    func testTypeHints() {
        XCTAssertTrue(Value.integer(1).matches(.float))
        XCTAssertFalse(Value.number(1).matches(.int))
        XCTAssertTrue(Value.none.matches(.oneOf([.int, .none])))
        XCTAssertTrue(Value.range(RangeValue(start: 0, end: 2)).matches(.list))
    }

    func testRangeCounts() {
        XCTAssertEqual(RangeValue(start: 0, end: 10, step: 3).elements, [0, 3, 6, 9])
        XCTAssertEqual(RangeValue(start: 5, end: 0, step: -2).elements, [5, 3, 1])
        XCTAssertEqual(RangeValue(start: 5, end: 0).count, 0)
        XCTAssertEqual(RangeValue(start: Int.min, end: Int.max).count, Int.max)
    }
}
