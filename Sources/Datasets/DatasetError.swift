/// Why a dataset could not be located, read or transformed.
///
/// Every message names the file involved (when there is one) and what was expected, so it can be shown to a
/// user as is: `…/train-images-idx3-ubyte.gz: wrong magic number for IDX images: expected 2051 (0x00000803),
/// found 2049 (0x00000801)`.
public enum DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No candidate file exists: `expected` lists the accepted file names, `tried` every full path looked at,
    /// in search order.
    case missingFile(dataset: String, expected: [String], tried: [String])
    /// A file could not be opened, read or written (permissions, a directory, an I/O error).
    case fileAccess(path: String, reason: String)
    /// A binary header starts with the wrong magic number.
    case wrongMagic(path: String, format: String, expected: UInt32, found: UInt32)
    /// The file holds fewer bytes than its header (or the format) requires, or more than it can use.
    case truncated(path: String, format: String, expectedBytes: Int, actualBytes: Int, detail: String)
    /// An image file and its label file disagree on the number of examples.
    case countMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
    /// A gzip (or raw deflate) stream could not be decompressed.
    case corruptGzip(path: String, reason: String)
    /// A `.npy` array inside an archive has an element type this reader does not handle.
    case unknownNPYDType(path: String, array: String, dtype: String)
    /// A line of a CSV file does not have the expected shape (lines count from 1).
    case malformedCSV(path: String, line: Int, reason: String)
    /// A label is outside `0..<classes`.
    case invalidLabel(path: String, example: Int, label: Int, classes: Int)
    /// A container (zip archive, `.npy` header, IDX header) is not well formed.
    case malformedFile(path: String, format: String, reason: String)
    /// A `limit` asks for more examples than the files found hold: `location` is the folder (or file) they
    /// were read from, `remedy` says how to get more (e.g. `samlab data fetch mnist`).
    case notEnoughExamples(dataset: String, location: String, available: Int, requested: Int, remedy: String)
    /// An argument does not fit the dataset.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .missingFile(dataset, expected, tried):
            let names = expected.joined(separator: " or ")
            return "\(dataset): data file not found: expected \(names); tried:\n"
                + tried.map { "  \($0)" }.joined(separator: "\n")
                + "\n(" + (DataCatalogue.entry(named: dataset).map { "run `samlab data fetch \($0.name)`, " } ?? "")
                + "pass a data directory, or set SAMLAB_DATA to the folder that holds the dataset)"
        case let .fileAccess(path, reason):
            return "\(path): \(reason)"
        case let .wrongMagic(path, format, expected, found):
            return "\(path): wrong magic number for \(format): expected \(expected) (\(hex(expected))), found \(found) (\(hex(found)))"
        case let .truncated(path, format, expectedBytes, actualBytes, detail):
            let relation = actualBytes < expectedBytes ? "truncated" : "too long"
            return "\(path): \(relation) \(format): expected \(expectedBytes) bytes (\(detail)), found \(actualBytes)"
        case let .countMismatch(imagesPath, imageCount, labelsPath, labelCount):
            return "image/label count mismatch: \(imagesPath) holds \(imageCount) images but \(labelsPath) holds \(labelCount) labels"
        case let .corruptGzip(path, reason):
            return "\(path): corrupt compressed data: \(reason)"
        case let .unknownNPYDType(path, array, dtype):
            return "\(path): array '\(array)' has unsupported dtype '\(dtype)' (supported: <f4, <f8, <i8, <i4, |u1, C order)"
        case let .malformedCSV(path, line, reason):
            return "\(path):\(line): malformed CSV line: \(reason)"
        case let .invalidLabel(path, example, label, classes):
            return "\(path): label \(label) of example \(example) is outside 0..<\(classes)"
        case let .malformedFile(path, format, reason):
            return "\(path): malformed \(format): \(reason)"
        case let .notEnoughExamples(dataset, location, available, requested, remedy):
            return "\(dataset): asked for \(requested) examples but \(location) holds only \(available); \(remedy)"
        case let .invalidArgument(message):
            return message
        }
    }
}

/// `0x00000803`-style rendering of a magic number.
private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
