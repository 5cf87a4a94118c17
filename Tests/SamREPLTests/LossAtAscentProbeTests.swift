import SamInterpreter
import SamREPL
import XCTest

/// The `loss_at_ascent` probe, added as one catalogue entry: `help`, completion, the REPL and the
/// metrics columns pick it up, and it measures ℓ(w + ρ g/‖g‖) = ℓ(w) + ρ‖g‖ + O(ρ²), and ℓ(w) at ρ = 0.
final class LossAtAscentProbeTests: XCTestCase {
    func testTheCatalogueEntryReachesHelpCompletionTheREPLAndTheColumns() throws {
        let output = StringSink(), errors = StringSink()
        let session = ReplSession(options: ReplOptions(outputDirectory: NSTemporaryDirectory() + "samlab-\(UUID().uuidString)", quiet: true),
                                  output: output, errors: errors)
        session.run(reader: StreamLineReader(text: """
            :help loss_at_ascent
            let data = blobs(count: 24, classes: 2, features: 3)
            fn probed(rho) {
              let run = train mlp(hidden: [4], seed: 0) on data {
                stop = after(steps: 6)
                probe every 3 steps: loss, grad_norm, loss_at_ascent(rho: rho)
              }
              return run.metrics
            }
            let near = probed(0.01)
            let flat = probed(0.0)
            print(keys(near))
            for i in range(len(near.loss)) {
              let first_order = near.loss[i] + 0.01 * near.grad_norm[i]
              assert near.loss_at_ascent[i] > near.loss[i]
              assert abs(near.loss_at_ascent[i] - first_order) < 0.2 * 0.01 * near.grad_norm[i]
              assert flat.loss_at_ascent[i] == flat.loss[i]
            }
            print("rows", len(near.loss))
            """))
        XCTAssertEqual(errors.text, "")
        XCTAssertTrue(output.text.contains("probe loss_at_ascent(rho)\n"), output.text)
        XCTAssertTrue(output.text.contains("SAM's ascent point") && output.text.contains("(columns: loss_at_ascent)") && output.text.contains("rho: a number = 0.05"), output.text)
        XCTAssertTrue(output.text.contains("[\"step\", \"time_s\", \"loss\", \"grad_norm\", \"loss_at_ascent\"]"), output.text)
        XCTAssertTrue(output.text.contains("rows 3"), output.text)
        XCTAssertTrue(session.completer.complete("loss_at").texts.contains("loss_at_ascent"))
        XCTAssertEqual(session.completer.complete("loss_at_ascent(").texts, ["rho:"])
    }
}
