import Foundation
import Tensors

/// Datasets brought as NumPy `.npz` files with arrays `x` (inputs, first axis = examples) and `y`.
extension Dataset {
    /// Loads `x` and `y` from an `.npz` archive (see ``NPZArchive``).
    ///
    /// `x` keeps its shape and values (`|u1` pixels stay 0...255; use ``scaled(by:)``) and is converted to
    /// `dtype`; without one, a `<f8` `x` stays float64 and any other becomes float32. An integer `y` (`<i8`, `<i4`, `|u1`) of rank 1 gives a classification dataset with
    /// `numClasses` classes (default: the largest label + 1); a floating-point `y` gives a regression
    /// dataset with those targets (`[N]` becomes `[N, 1]`). Throws
    /// ``DatasetError/countMismatch(imagesPath:imageCount:labelsPath:labelCount:)`` when `x` and `y` have
    /// different first extents and ``DatasetError/invalidLabel(path:example:label:classes:)`` for a label
    /// outside `0..<numClasses`.
    public static func loadNPZ(path: String, name: String? = nil, numClasses: Int? = nil, dtype requested: DType? = nil) throws -> Dataset {
        let archive = try NPZArchive.read(path: path)
        let x = try archive.array("x"), y = try archive.array("y")
        let dtype = requested ?? (x.elementType == .float64 ? .float64 : .float32)
        let datasetName = name ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let n = x.shape.first, y.shape.first == n else {
            throw DatasetError.countMismatch(imagesPath: "\(path) array 'x' \(describeShape(x.shape))", imageCount: x.shape.first ?? 0,
                                             labelsPath: "array 'y' \(describeShape(y.shape))", labelCount: y.shape.first ?? 0)
        }
        let inputs = x.tensor(dtype: dtype)
        guard y.elementType.isInteger else {
            return try Dataset(name: datasetName, inputs: inputs, targets: y.tensor(dtype: dtype))
        }
        guard y.shape.count == 1 else {
            throw DatasetError.malformedFile(path: path, format: "npz dataset", reason: "integer labels 'y' must be a vector, got shape \(describeShape(y.shape))")
        }
        let labels = y.doubles.map { Int($0) }
        let classes = numClasses ?? ((labels.max() ?? -1) + 1)
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw DatasetError.invalidLabel(path: path, example: bad, label: labels[bad], classes: classes)
        }
        return try Dataset(name: datasetName, inputs: inputs, labels: labels, numClasses: max(classes, 1))
    }

    /// Writes the dataset as an `.npz` archive readable by ``loadNPZ(path:name:numClasses:dtype:)`` and by
    /// `numpy.load`: `x` = the inputs, `y` = the labels as `<i8` (classification) or the targets (regression).
    public func writeNPZ(to path: String) throws {
        var writer = NPZWriter()
        writer.add("x", tensor: inputs)
        if isClassification { writer.add("y", integers: labels) } else { writer.add("y", tensor: targets) }
        try writer.write(to: path)
    }
}
