import XCTest
import Tensors
@testable import Datasets

final class CharacterCorpusTests: XCTestCase {
    func testTinyShakespeareSplitAndVocabulary() throws {
        let corpus = try CharacterCorpus.tinyShakespeare(locator: starterData)
        XCTAssertEqual(corpus.trainTokens.count + corpus.testTokens.count, 1_115_394)
        XCTAssertEqual(corpus.trainTokens.count, 854_960)
        XCTAssertEqual(corpus.vocabulary.count, 65)
        XCTAssertEqual(corpus.vocabulary.decode(Array(corpus.trainTokens.prefix(14))), "First Citizen:")
        XCTAssertEqual(corpus.vocabulary.symbols.first, "\n")
        XCTAssertEqual(corpus.vocabulary.decode([corpus.trainTokens.last!]), "\n")

        var sampler = try corpus.trainSampler(batchSize: 4, sequenceLength: 64, seed: 7)
        let batch = sampler.next()
        XCTAssertEqual(batch.inputs.shape, [4, 64])
        let inputs = batch.inputs.scalars, targets = batch.targets.scalars
        for b in 0..<4 { for t in 0..<63 { XCTAssertEqual(targets[b * 64 + t], inputs[b * 64 + t + 1]) } }
        let testBatches = try corpus.testBatches()
        let windows = (corpus.testTokens.count - 1) / 64
        XCTAssertEqual(testBatches.reduce(0) { $0 + $1.batchSize }, windows)
        XCTAssertEqual(testBatches.count, (windows + 127) / 128)
    }

    func testLineSplitWithAndWithoutFinalNewline() throws {
        let corpus = try CharacterCorpus(text: "ab\ncd\nef", name: "t", heldOutLines: 1)
        XCTAssertEqual(corpus.vocabulary.decode(corpus.trainTokens), "ab\ncd\n")
        XCTAssertEqual(corpus.vocabulary.decode(corpus.testTokens), "ef")
        XCTAssertEqual(corpus.vocabulary.symbols, ["\n", "a", "b", "c", "d", "e", "f"])
        let terminated = try CharacterCorpus(text: "ab\ncd\nef\n", name: "t", heldOutLines: 2)
        XCTAssertEqual(terminated.vocabulary.decode(terminated.testTokens), "cd\nef\n")
        assertDatasetError(try CharacterCorpus(text: "ab\ncd\n", name: "t", heldOutLines: 2), contains: ["cannot hold out 2 of 2 lines"])
        let unicode = CharacterVocabulary(text: "zé a")
        XCTAssertEqual(try unicode.encode("a é"), [1, 0, 3])
        assertDatasetError(try unicode.encode("b"), contains: ["character b (U+62) is not in the 4-character vocabulary"])
    }

    /// Skipping n batches lands where n calls to next() would (a resumed run sees the same stream).
    func testSamplerSkipMatchesDrawing() throws {
        let tokens = Array(0..<50)
        var drawn = try TextWindowSampler(tokens: tokens, batchSize: 4, sequenceLength: 5, seed: 9)
        var skipped = drawn
        for _ in 0..<7 { _ = drawn.next() }
        skipped.skip(batches: 7)
        XCTAssertEqual(drawn.next().inputs.scalars, skipped.next().inputs.scalars)
    }

    func testSamplerIsSeededAndEvaluationBatchesAreSequential() throws {
        let tokens = Array(0..<20)
        var a = try TextWindowSampler(tokens: tokens, batchSize: 3, sequenceLength: 4, seed: 1)
        var b = try TextWindowSampler(tokens: tokens, batchSize: 3, sequenceLength: 4, seed: 1)
        for _ in 0..<5 {
            let x = a.next(), y = b.next()
            XCTAssertEqual(x.inputs.scalars, y.inputs.scalars)
            let starts = stride(from: 0, to: 12, by: 4).map { x.inputs.scalars[$0] }
            XCTAssertTrue(starts.allSatisfy { $0 >= 0 && $0 <= 15 })
            XCTAssertEqual(x.targets.scalars, x.inputs.scalars.map { $0 + 1 })
        }
        let batches = try TokenBatch.sequentialBatches(tokens: tokens, batchSize: 2, sequenceLength: 6, dtype: .float64)
        XCTAssertEqual(batches.map(\.batchSize), [2, 1])
        XCTAssertEqual(batches[0].inputs.scalars, (0..<12).map(Double.init))
        XCTAssertEqual(batches[1].targets.scalars, (13..<19).map(Double.init))
        XCTAssertEqual(batches[1].inputs.dtype, .float64)
        assertDatasetError(try TextWindowSampler(tokens: [1, 2], batchSize: 1, sequenceLength: 2, seed: 0), contains: ["more than 2 tokens"])
    }

    func testMissingInputNamesThePaths() throws {
        let dir = try TemporaryDirectory()
        assertDatasetError(try CharacterCorpus.tinyShakespeare(locator: DataLocator(dataDir: dir.path)),
                           contains: ["tiny_shakespeare: data file not found", "\(dir.path)/tiny_shakespeare/input.txt", "\(dir.path)/input.txt"])
    }
}
