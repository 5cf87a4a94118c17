import XCTest
@testable import Datasets

final class BatchSamplerTests: XCTestCase {
    func testEachEpochIsASeededPermutation() throws {
        let sampler = try BatchSampler(count: 10, batchSize: 4, seed: 3)
        XCTAssertEqual(sampler.batchesPerEpoch, 3)
        let epoch0 = sampler.batches(epoch: 0), epoch1 = sampler.batches(epoch: 1)
        XCTAssertEqual(epoch0.map(\.count), [4, 4, 2])
        XCTAssertEqual(epoch0.flatMap { $0 }.sorted(), Array(0..<10))
        XCTAssertEqual(epoch1.flatMap { $0 }.sorted(), Array(0..<10))
        XCTAssertNotEqual(epoch0, epoch1)
        XCTAssertEqual(try BatchSampler(count: 10, batchSize: 4, seed: 3).batches(epoch: 1), epoch1, "same seed, same batches")
        XCTAssertNotEqual(try BatchSampler(count: 10, batchSize: 4, seed: 4).batches(epoch: 0), epoch0)
    }

    func testStreamingCrossesEpochsAndDropLast() throws {
        var sampler = try BatchSampler(count: 10, batchSize: 4, seed: 3, dropLast: true)
        XCTAssertEqual(sampler.batchesPerEpoch, 2)
        let streamed = (0..<4).map { _ in sampler.next() }
        XCTAssertEqual(streamed, sampler.batches(epoch: 0) + sampler.batches(epoch: 1))
        XCTAssertEqual([sampler.epoch, sampler.step], [2, 4])
        XCTAssertTrue(streamed.allSatisfy { $0.count == 4 })
        let ordered = try BatchSampler(count: 5, batchSize: 2, seed: 0, shuffle: false)
        XCTAssertEqual(ordered.batches(epoch: 7), [[0, 1], [2, 3], [4]])
    }

    func testFullBatch() throws {
        var full = try BatchSampler.full(count: 6)
        XCTAssertTrue(full.isFullBatch)
        XCTAssertEqual(full.next(), Array(0..<6))
        XCTAssertEqual(full.next(), Array(0..<6))
        assertDatasetError(try BatchSampler(count: 3, batchSize: 4, seed: 0), contains: ["batch size 4", "1...3"])
    }
}
