import Foundation
import Tensors

/// CIFAR-10 (Krizhevsky 2009) in its *binary version*: files of 3073-byte records with no header, each one
/// label byte (0–9) then 3072 pixel bytes — the 32×32 red plane, then green, then blue, each row-major.
/// The loader converts the planes to channels-last images.
///
/// Files are found by ``DataLocator`` in a folder `cifar10` or `cifar-10-batches-bin` of a data root, or in
/// the root itself. The training split is the official `data_batch_1.bin` … `data_batch_5.bin` (read in
/// order, as far as `limit` needs) or, when those are absent, a prefix of `data_batch_1.bin` under the name
/// `data_batch_1_first1000.bin` (the starter data) or `data_batch_1_first4000.bin`; the test split is
/// `test_batch.bin`, else `test_batch_first500.bin` or `test_batch_first1000.bin`.
/// Any `.bin` file of whole records can also be read with ``load(paths:name:limit:layout:scaling:dtype:)``.
public enum CIFAR10 {
    /// A standard split.
    public enum Split: String, Sendable, CaseIterable { case train, test }

    /// Bytes per record: 1 label + 3 · 1024 pixels.
    public static let recordSize = 3073
    /// Image height and width.
    public static let side = 32
    /// Number of classes.
    public static let numClasses = 10
    /// Class names in label order.
    public static let classNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    /// Folders of a data root that may hold the files.
    public static let folders = ["cifar10", "cifar-10-batches-bin", "cifar10/cifar-10-batches-bin"]

    /// Accepted first-file names for a split, official name first.
    public static func fileNames(_ split: Split) -> [String] {
        split == .train ? ["data_batch_1.bin", "data_batch_1_first4000.bin", "data_batch_1_first1000.bin"]
            : ["test_batch.bin", "test_batch_first1000.bin", "test_batch_first500.bin"]
    }

    /// Loads a split located by ``DataLocator`` (the paper's setting is `load(split: .train, limit: 1000)`).
    ///
    /// - Parameters:
    ///   - limit: this many examples, from the start of the split; all available when nil. More than the
    ///     files hold is ``DatasetError/notEnoughExamples(dataset:location:available:requested:remedy:)``.
    ///   - layout: `.nhwc` gives `[N, 32, 32, 3]` (the default), `.flat` gives `[N, 3072]` in NHWC order.
    ///   - scaling: `.unitInterval` maps pixels to `p / 255` (the default), `.raw` keeps 0...255.
    public static func load(split: Split = .train, limit: Int? = nil, locator: DataLocator = DataLocator(),
                            layout: ImageLayout = .nhwc, scaling: PixelScaling = .unitInterval,
                            dtype: DType = .float32) throws -> Dataset {
        let first = try locator.locate(dataset: "cifar10", folders: folders, names: fileNames(split))
        var paths = [first]
        if split == .train && first.hasSuffix("/data_batch_1.bin") {
            let directory = String(first.dropLast("data_batch_1.bin".count))
            paths = (1...5).map { "\(directory)data_batch_\($0).bin" }
        }
        return try load(paths: paths, name: "cifar10-\(split.rawValue)", limit: limit, layout: layout, scaling: scaling, dtype: dtype,
                        remedy: DataCatalogue.cifar10.remedy)
    }

    /// Loads the records of `paths`, concatenated in order, stopping once `limit` records are read (later
    /// files are then not opened). Throws ``DatasetError/truncated(path:format:expectedBytes:actualBytes:detail:)``
    /// for a file that is not a whole number of records, ``DatasetError/missingFile(dataset:expected:tried:)``
    /// for a needed file that does not exist, and ``DatasetError/invalidLabel(path:example:label:classes:)``
    /// for a label byte above 9, and ``DatasetError/notEnoughExamples(dataset:location:available:requested:remedy:)``
    /// (with `remedy` in its message) when the files hold fewer than `limit` records.
    public static func load(paths: [String], name: String = "cifar10", limit: Int? = nil,
                            layout: ImageLayout = .nhwc, scaling: PixelScaling = .unitInterval,
                            dtype: DType = .float32, remedy: String = "use a smaller limit") throws -> Dataset {
        var records: [UInt8] = []
        var wanted = max(0, limit ?? Int.max)
        for path in paths where wanted > 0 {
            guard FileManager.default.fileExists(atPath: path) else {
                throw DatasetError.missingFile(dataset: "cifar10", expected: [(path as NSString).lastPathComponent], tried: [path])
            }
            let maxBytes = wanted == Int.max ? nil : wanted * recordSize
            let bytes = try FileBytes.read(path, maxBytes: maxBytes)
            let whole = bytes.count / recordSize
            if bytes.count % recordSize != 0 {
                throw DatasetError.truncated(path: path, format: "CIFAR-10 binary records", expectedBytes: (whole + 1) * recordSize,
                                            actualBytes: bytes.count,
                                            detail: "whole \(recordSize)-byte records; found \(whole) records and \(bytes.count % recordSize) extra bytes")
            }
            for r in 0..<whole where bytes[r * recordSize] >= numClasses {
                throw DatasetError.invalidLabel(path: path, example: records.count / recordSize + r, label: Int(bytes[r * recordSize]), classes: numClasses)
            }
            records += bytes
            if wanted != Int.max { wanted -= whole }
        }
        let n = records.count / recordSize
        if let limit, n < limit {
            let location = paths.count == 1 ? paths[0] : (paths[0] as NSString).deletingLastPathComponent
            throw DatasetError.notEnoughExamples(dataset: name, location: location, available: n, requested: limit, remedy: remedy)
        }
        let labels = (0..<n).map { Int(records[$0 * recordSize]) }
        let shape = layout == .nhwc ? [n, side, side, 3] : [n, side * side * 3]
        let table = PixelTable(factor: scaling.factor(maximum: 255))
        var inputs = Tensor(zeros: shape, dtype: dtype)
        switch dtype {
        case .float32: planarToNHWC(records, count: n, table: table.typed(Float.self), into: &inputs)
        case .float64: planarToNHWC(records, count: n, table: table.typed(Double.self), into: &inputs)
        }
        return try Dataset(name: name, inputs: inputs, labels: labels, numClasses: numClasses)
    }

    /// `out[n, h, w, c] = table[record_n[1 + c·1024 + h·32 + w]]`: the three planes of each record interleaved
    /// into channels-last order.
    private static func planarToNHWC<T: TensorScalar>(_ records: [UInt8], count n: Int, table: [T], into out: inout Tensor) {
        let plane = side * side
        records.withUnsafeBufferPointer { src in
            out.withMutablePointer(T.self) { dst in
                for r in 0..<n {
                    let record = src.baseAddress! + r * recordSize + 1
                    let image = dst + r * 3 * plane
                    for p in 0..<plane {
                        image[3 * p] = table[Int(record[p])]
                        image[3 * p + 1] = table[Int(record[plane + p])]
                        image[3 * p + 2] = table[Int(record[2 * plane + p])]
                    }
                }
            }
        }
    }
}
