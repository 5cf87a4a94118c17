import Foundation
import Tensors

/// scikit-learn's `digits` (the test set of UCI "Optical Recognition of Handwritten Digits"): 1797 images of
/// 8×8 pixels with values 0...16, labels 0–9. A small real dataset for fast experiments and tests.
///
/// Format: CSV without header (gzip-compressed or not, detected from the content), one example per line:
/// 64 pixel values in row-major order, then the label. Blank lines are skipped and a trailing `\r` is
/// ignored. Found by ``DataLocator`` as `digits.csv.gz` or `digits.csv` in a folder `digits` of a data root
/// or the root itself.
public enum Digits {
    /// Folders of a data root that may hold the file.
    public static let folders = ["digits"]
    /// Accepted file names, in search order.
    public static let fileNames = ["digits.csv.gz", "digits.csv"]
    /// Image height and width.
    public static let side = 8
    /// Largest pixel value.
    public static let maximumPixel = 16.0
    /// Number of classes.
    public static let numClasses = 10

    /// Loads the dataset located by ``DataLocator``.
    ///
    /// - Parameters:
    ///   - limit: only the first `limit` examples (at most 1797, the whole data set); all when nil.
    ///   - layout: `.flat` gives `[N, 64]` (the default), `.nhwc` gives `[N, 8, 8, 1]`.
    ///   - scaling: `.unitInterval` maps pixels to `p / 16` (the default), `.raw` keeps 0...16.
    public static func load(limit: Int? = nil, locator: DataLocator = DataLocator(), layout: ImageLayout = .flat,
                            scaling: PixelScaling = .unitInterval, dtype: DType = .float32) throws -> Dataset {
        let path = try locator.locate(dataset: "digits", folders: folders, names: fileNames)
        return try load(path: path, limit: limit, layout: layout, scaling: scaling, dtype: dtype)
    }

    /// Loads a digits CSV from an explicit path. Throws ``DatasetError/malformedCSV(path:line:reason:)``
    /// (with the 1-based line number) for a line without exactly 65 fields, a pixel that is not a number in
    /// 0...16, or a label that is not an integer in 0...9; and
    /// ``DatasetError/notEnoughExamples(dataset:location:available:requested:remedy:)`` for a `limit` above
    /// the file's count.
    public static func load(path: String, name: String = "digits", limit: Int? = nil, layout: ImageLayout = .flat,
                            scaling: PixelScaling = .unitInterval, dtype: DType = .float32) throws -> Dataset {
        let bytes = try FileBytes.read(path)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw DatasetError.malformedFile(path: path, format: "CSV", reason: "not valid UTF-8")
        }
        let features = side * side
        let wanted = max(0, limit ?? Int.max)
        var pixels: [Double] = [], labels: [Int] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() where labels.count < wanted {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let lineNumber = index + 1
            guard fields.count == features + 1 else {
                throw DatasetError.malformedCSV(path: path, line: lineNumber, reason: "expected \(features + 1) comma-separated fields (64 pixels and a label), found \(fields.count)")
            }
            for (column, field) in fields.prefix(features).enumerated() {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                guard let value = Double(trimmed), value >= 0, value <= maximumPixel else {
                    throw DatasetError.malformedCSV(path: path, line: lineNumber, reason: "pixel \(column + 1) is '\(trimmed)', expected a number in 0...16")
                }
                pixels.append(value)
            }
            let labelField = fields[features].trimmingCharacters(in: .whitespaces)
            guard let label = Int(labelField), label >= 0, label < numClasses else {
                throw DatasetError.malformedCSV(path: path, line: lineNumber, reason: "label is '\(labelField)', expected an integer in 0...9")
            }
            labels.append(label)
        }
        if let limit, labels.count < limit {
            throw DatasetError.notEnoughExamples(dataset: name, location: path, available: labels.count, requested: limit,
                                                 remedy: "that is the whole data set")
        }
        let factor = scaling.factor(maximum: maximumPixel)
        let shape = layout == .flat ? [labels.count, features] : [labels.count, side, side, 1]
        let inputs = try Tensor(shape: shape, scalars: pixels.map { $0 * factor }, dtype: dtype)
        return try Dataset(name: name, inputs: inputs, labels: labels, numClasses: numClasses)
    }
}
