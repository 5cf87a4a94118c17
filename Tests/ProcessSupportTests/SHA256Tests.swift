import XCTest
import ProcessSupport

final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex(Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1000)), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // FIPS 180-2 appendix B.3: one million 'a'.
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Feeding a message in pieces of any sizes (empty, odd, straddling blocks) gives the one-shot digest.
    func testIncrementalUpdatesEqualOneShot() {
        var generator = SystemRandomNumberGenerator()
        let message = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let expected = SHA256.hex(message)
        for pieceSizes in [[0, 1, 63, 64, 65, 127, 4680], [5000], [13, 0, 51, 1000, 3936], [64, 64, 64, 4808]] {
            var hasher = SHA256()
            var start = 0
            for size in pieceSizes {
                hasher.update(message[start..<start + size])
                start += size
            }
            XCTAssertEqual(start, message.count)
            XCTAssertEqual(hasher.finalize(), expected, "pieces \(pieceSizes)")
        }
        var fromSequence = SHA256()
        fromSequence.update(AnyCollection(message))
        XCTAssertEqual(fromSequence.finalize(), expected)
    }
}
