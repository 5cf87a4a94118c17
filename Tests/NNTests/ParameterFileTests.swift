import Foundation
import Datasets
import NN
import Tensors
import XCTest

/// safetensors and npz round trips, header validity, mismatch messages, corruption, and (when NumPy is
/// importable) interchange with NumPy.
final class ParameterFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testRoundTripsInBothFormatsAndPrecisions() throws {
        let model = TinyProblems.transformer
        for dtype in DType.allCases {
            let w = TinyProblems.parameters(for: model, dtype: dtype)
            for format in ParameterFile.Format.allCases {
                let file = path("params-\(dtype).\(format.rawValue)")
                try ParameterFile.save(w, layout: model.layout, to: file, metadata: ["model": model.description])
                let loaded = try ParameterFile.load(from: file, layout: model.layout, dtype: dtype)
                XCTAssertEqual(loaded.dtype, dtype)
                XCTAssertEqual(loaded.scalars, w.scalars, "\(format) \(dtype)")
                // Converting on load.
                let other: DType = dtype == .float32 ? .float64 : .float32
                XCTAssertEqual(try ParameterFile.load(from: file, layout: model.layout, dtype: other).scalars, w.converted(to: other).scalars)
            }
        }
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    func testSafetensorsHeaderIsValidJSONWithContiguousOffsets() throws {
        let model = TinyProblems.cnn
        let w = model.initialParameters(seed: 0)
        let file = path("cnn.safetensors")
        try ParameterFile.save(w, layout: model.layout, to: file, metadata: ["model": "cnn \"tiny\""])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let n = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual((8 + n) % 8, 0)
        let header = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + n)])) as? [String: Any])
        XCTAssertEqual((header["__metadata__"] as? [String: String])?["model"], "cnn \"tiny\"")
        var end = 0
        for entry in model.layout.entries {
            let info = try XCTUnwrap(header[entry.name] as? [String: Any], entry.name)
            XCTAssertEqual(info["dtype"] as? String, "F32")
            XCTAssertEqual(info["shape"] as? [Int], entry.shape)
            XCTAssertEqual(info["data_offsets"] as? [Int], [end, end + 4 * entry.count])
            end += 4 * entry.count
        }
        XCTAssertEqual(header.count, model.layout.entries.count + 1)
        XCTAssertEqual(bytes.count, 8 + n + end)
        // The first tensor's bytes are the first parameters.
        let first = bytes[(8 + n)..<(8 + n + 4)].withUnsafeBytes { $0.loadUnaligned(as: Float.self) }
        XCTAssertEqual(Double(first), w.scalar(at: 0))
    }

    func testMismatchesAreNamed() throws {
        let small = try MLP(inputSize: 5, hiddenSizes: [4], outputSize: 3)
        let file = path("small.npz")
        try ParameterFile.save(small.initialParameters(seed: 0), layout: small.layout, to: file)
        for other in [path("small.safetensors")] {
            try ParameterFile.save(small.initialParameters(seed: 0), layout: small.layout, to: other)
        }
        for f in [file, path("small.safetensors")] {
            // A wider hidden layer: two shapes differ.
            let wider = try MLP(inputSize: 5, hiddenSizes: [6], outputSize: 3)
            XCTAssertThrowsError(try ParameterFile.load(from: f, layout: wider.layout)) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains("'dense_0.weight' has shape [5, 4] in the file but [5, 6] in the model"), message)
                XCTAssertTrue(message.contains("'dense_1.weight' has shape [4, 3] in the file but [6, 3] in the model"), message)
                XCTAssertTrue(message.contains(f), message)
            }
            // A deeper network: missing names. No biases: unexpected names.
            let deeper = try MLP(inputSize: 5, hiddenSizes: [4, 4], outputSize: 3)
            XCTAssertThrowsError(try ParameterFile.load(from: f, layout: deeper.layout)) { error in
                XCTAssertTrue("\(error)".contains("missing 'dense_2.weight', 'dense_2.bias'"), "\(error)")
            }
            let unbiased = try MLP(inputSize: 5, hiddenSizes: [4], outputSize: 3, useBias: false)
            XCTAssertThrowsError(try ParameterFile.load(from: f, layout: unbiased.layout)) { error in
                XCTAssertTrue("\(error)".contains("unexpected 'dense_0.bias', 'dense_1.bias'"), "\(error)")
            }
        }
        XCTAssertThrowsError(try ParameterFile.load(from: path("absent.npz"), layout: small.layout)) { error in
            XCTAssertTrue("\(error)".contains("cannot read"), "\(error)")
        }
        XCTAssertThrowsError(try ParameterFile.save(small.initialParameters(seed: 0), layout: small.layout, to: path("x.bin")))
    }

    func testCorruptFilesAreRejected() throws {
        let model = TinyProblems.mlp(.relu)
        let w = model.initialParameters(seed: 0)
        let npz = path("m.npz"), st = path("m.safetensors")
        try ParameterFile.save(w, layout: model.layout, to: npz)
        try ParameterFile.save(w, layout: model.layout, to: st)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: npz))
        bytes[200] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: npz))
        XCTAssertThrowsError(try ParameterFile.load(from: npz, layout: model.layout)) { error in
            XCTAssertTrue("\(error)".contains("CRC-32"), "\(error)")
        }
        let full = try Data(contentsOf: URL(fileURLWithPath: st))
        try full.prefix(full.count - 4).write(to: URL(fileURLWithPath: st))
        XCTAssertThrowsError(try ParameterFile.load(from: st, layout: model.layout)) { error in
            XCTAssertTrue("\(error)".contains("runs past the end"), "\(error)")
        }
    }

    /// Runs a Python snippet with NumPy, or skips the test when NumPy is not importable.
    private func python(_ script: String) throws -> String {
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3"] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self))
        }
        guard let (status, _) = try? run(["-c", "import numpy"]), status == 0 else { throw XCTSkip("python3 with numpy is not available") }
        let (code, output) = try run(["-c", script])
        XCTAssertEqual(code, 0, output)
        return output
    }

    func testNumPyReadsOurFilesAndWeReadNumPys() throws {
        let model = TinyProblems.cnn
        let w = TinyProblems.parameters(for: model, dtype: .float32)
        let npz = path("ours.npz"), st = path("ours.safetensors"), theirs = path("theirs.npz")
        try ParameterFile.save(w, layout: model.layout, to: npz)
        try ParameterFile.save(w, layout: model.layout, to: st)
        let output = try python("""
            import json, struct, numpy as np
            z = np.load('\(npz)')
            raw = open('\(st)', 'rb').read()
            n = struct.unpack('<Q', raw[:8])[0]
            header = json.loads(raw[8:8 + n])
            total = 0.0
            for name in z.files:
                info = header[name]
                b, e = info['data_offsets']
                a = np.frombuffer(raw[8 + n + b:8 + n + e], dtype='<f4').reshape(info['shape'])
                assert a.shape == z[name].shape and (a == z[name]).all(), name
                total += float(z[name].astype(np.float64).sum())
            print(','.join(z.files))
            print(repr(total))
            np.savez('\(theirs)', **{'dense_0.weight': np.arange(6, dtype=np.float64).reshape(2, 3), 'scalar': np.float32(2.5), 'v': np.ones(4, np.float32)})
            """)
        let lines = output.split(separator: "\n")
        XCTAssertEqual(lines.first.map(String.init), model.parameterNames.joined(separator: ","))
        XCTAssertEqual(Double(lines[1])!, w.scalars.reduce(0, +), accuracy: 1e-9)
        let read = try NPZArchive.read(path: theirs)
        XCTAssertEqual(read.names, ["dense_0.weight", "scalar", "v"])
        XCTAssertEqual(read.arrays["dense_0.weight"]!.shape, [2, 3])
        XCTAssertEqual(read.arrays["dense_0.weight"]!.elementType, .float64)
        XCTAssertEqual(read.arrays["dense_0.weight"]!.doubles, [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(read.arrays["scalar"]!.shape, [])
        XCTAssertEqual(read.arrays["scalar"]!.doubles, [2.5])
        XCTAssertEqual(read.arrays["v"]!.doubles, [1, 1, 1, 1])
    }
}
