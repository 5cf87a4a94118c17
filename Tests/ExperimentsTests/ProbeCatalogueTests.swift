import XCTest
import Experiments

/// The probe catalogue's invariants: distinct names, valid defaults, arguments checked with the
/// offending parameter named, the script spelling of quantities (part of checkpoint fingerprints), and
/// `summary.csv`'s column order.
final class ProbeCatalogueTests: XCTestCase {
    func testNamesAreDistinctAndDefaultsAreValid() throws {
        let names = ProbeCatalogue.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "\(names)")
        for probe in ProbeCatalogue.all {
            XCTAssertEqual(ProbeCatalogue.named(probe.name)?.name, probe.name)
            XCTAssertFalse(probe.doc.isEmpty || probe.columnsDoc.isEmpty, probe.name)
            XCTAssertEqual(try probe().definition.name, probe.name)
        }
        XCTAssertNil(ProbeCatalogue.named("sharpness"))
    }

    func testArgumentsAreCheckedAndNameTheParameter() throws {
        let top = try XCTUnwrap(ProbeCatalogue.named("hessian_top"))
        XCTAssertEqual(try top(["k": 2]), .hessianTop(k: 2))
        XCTAssertEqual(try top().description, "hessian_top(k: 3)")
        XCTAssertEqual(try XCTUnwrap(ProbeCatalogue.named("loss_at_ascent"))(["rho": 0.1]).description, "loss_at_ascent(rho: 0.1)")
        for (arguments, message) in [(["k": 0.0], "hessian_top needs k ≥ 1, got 0"), (["k": 1.5], "hessian_top needs a whole number"),
                                     (["j": 1.0], "hessian_top has no parameter 'j'")] {
            XCTAssertThrowsError(try top(arguments)) { error in
                let error = error as? ProbeArgumentError
                XCTAssertEqual(error?.argument, arguments.keys.first)
                XCTAssertTrue(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
            }
        }
        XCTAssertThrowsError(try ProbeSet([.trace(samples: 0)]))
        XCTAssertEqual(ProbeQuantity.trace(samples: 4).description, "trace(samples: 4)")
        XCTAssertEqual(ProbeQuantity.alignment.description, "alignment")
    }

    func testSummaryColumnOrderFollowsTheDesign() {
        let shuffled: [MetricColumn] = ["trace", "zeta", "lambda_10", "align_sam_grad", "hvps", "lambda_min", "lambda_2", "grad_norm",
                                        "lambda_1_over_sam_edge", "test_accuracy", "loss", "gd_edge", "accuracy", "sam_edge", "lambda_1",
                                        "align_grad", "test_loss", "loss_at_ascent"]
        XCTAssertEqual(shuffled.sorted().map(\.name),
                       ["loss", "test_loss", "accuracy", "test_accuracy", "grad_norm", "lambda_1", "lambda_2", "lambda_10", "lambda_min",
                        "gd_edge", "sam_edge", "lambda_1_over_sam_edge", "align_grad", "align_sam_grad", "trace",
                        "hvps", "loss_at_ascent", "zeta"])
        XCTAssertEqual(MetricColumn.lambda(3).lambdaIndex, 3)
        XCTAssertNil(MetricColumn.lambdaMin.lambdaIndex)
    }
}
