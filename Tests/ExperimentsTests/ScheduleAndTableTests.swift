import XCTest
import Experiments

final class ScheduleAndTableTests: XCTestCase {
    func testProbeSchedules() throws {
        var every = ProbeClock(.everySteps(25), budgetSteps: 100)
        XCTAssertEqual((0...100).filter { every.shouldFire(step: $0, trainingSeconds: 0) }, [0, 25, 50, 75, 100])
        var listed = ProbeClock(.atSteps([0, 3, 7]), budgetSteps: nil)
        XCTAssertEqual((0..<10).filter { listed.shouldFire(step: $0, trainingSeconds: 0) }, [0, 3, 7])
        var log = ProbeClock(.logSpaced(points: 5), budgetSteps: 1000)
        let fired = (0...1000).filter { log.shouldFire(step: $0, trainingSeconds: 0) }
        XCTAssertEqual(fired.first, 0)
        XCTAssertEqual(fired.last, 1000)
        XCTAssertEqual(fired.count, 5)
        var timed = ProbeClock(.everySeconds(1.0), budgetSteps: nil)
        let times = [0.0, 0.4, 0.9, 1.1, 1.5, 2.05, 2.2]
        XCTAssertEqual(times.enumerated().filter { timed.shouldFire(step: $0.offset, trainingSeconds: $0.element) }.map(\.element), [0.0, 1.1, 2.05])
        var both = ProbeClock(.union([.everySteps(4), .atSteps([5])]), budgetSteps: nil)
        XCTAssertEqual((0..<9).filter { both.shouldFire(step: $0, trainingSeconds: 0) }, [0, 4, 5, 8])
        XCTAssertThrowsError(try ProbeSchedule.logSpaced(points: 5).validate(budgetSteps: nil))
        XCTAssertThrowsError(try ProbeSchedule.everySteps(0).validate(budgetSteps: 10))
    }

    func testStopConditions() {
        let stop = StopCondition.any([.steps(100), .seconds(5)])
        XCTAssertEqual(stop.stepBudget(stepsPerEpoch: 10), 100)
        XCTAssertFalse(stop.isMet(step: 50, stepsPerEpoch: 10, trainingSeconds: 1, lastLoss: nil))
        XCTAssertTrue(stop.isMet(step: 50, stepsPerEpoch: 10, trainingSeconds: 6, lastLoss: nil))
        XCTAssertTrue(stop.isMet(step: 100, stepsPerEpoch: 10, trainingSeconds: 0, lastLoss: nil))
        XCTAssertEqual(StopCondition.epochs(3).stepBudget(stepsPerEpoch: 7), 21)
        XCTAssertTrue(StopCondition.lossBelow(0.1).isMet(step: 1, stepsPerEpoch: 1, trainingSeconds: 0, lastLoss: 0.05))
    }

    func testMetricsTableCSVRoundTrip() throws {
        var table = MetricsTable()
        table.append([("step", 0), ("time_s", 0), ("loss", 2.5)])
        table.append([("step", 25), ("time_s", 1.25), ("loss", .nan), ("lambda_1", 40.123456789012)])
        XCTAssertEqual(table.columns, ["step", "time_s", "loss", "lambda_1"])
        XCTAssertEqual(table.csv, "step,time_s,loss,lambda_1\n0,0,2.5,\n25,1.25,nan,40.12345679\n")
        let back = try MetricsTable(csv: table.csv)
        XCTAssertEqual(back.columns, table.columns)
        XCTAssertEqual(back.last("lambda_1"), 40.12345679)
        XCTAssertEqual(back.last("loss"), 2.5)
        XCTAssertThrowsError(try MetricsTable(csv: "a,b\n1\n"))
    }
}
