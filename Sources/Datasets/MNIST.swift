import Foundation
import Tensors

/// The MNIST handwritten digits (LeCun et al. 1998): 60,000 training and 10,000 test images of 28×28
/// 8-bit grey pixels (0 = background), labels 0–9, in the IDX format (see ``IDX``).
///
/// Files are found by ``DataLocator`` in a folder `mnist` (or `MNIST`, `MNIST/raw`) of a data root, or in the
/// root itself, under the standard names `train-images-idx3-ubyte.gz` (or uncompressed
/// `train-images-idx3-ubyte`, or the `train-images.idx3-ubyte` spelling), `train-labels-idx1-ubyte.gz`,
/// `t10k-images-idx3-ubyte.gz`, `t10k-labels-idx1-ubyte.gz`. Compression is detected from the content.
public enum MNIST {
    /// A standard split.
    public enum Split: String, Sendable, CaseIterable {
        case train, test

        /// The file-name prefix: `train` or `t10k`.
        var filePrefix: String { self == .train ? "train" : "t10k" }
    }

    /// Folders of a data root that may hold the files.
    public static let folders = ["mnist", "MNIST", "MNIST/raw"]
    /// Number of classes.
    public static let numClasses = 10

    /// Accepted image file names for a split, in search order.
    public static func imageFileNames(_ split: Split) -> [String] {
        let p = split.filePrefix
        return ["\(p)-images-idx3-ubyte.gz", "\(p)-images-idx3-ubyte", "\(p)-images.idx3-ubyte"]
    }

    /// Accepted label file names for a split, in search order.
    public static func labelFileNames(_ split: Split) -> [String] {
        let p = split.filePrefix
        return ["\(p)-labels-idx1-ubyte.gz", "\(p)-labels-idx1-ubyte", "\(p)-labels.idx1-ubyte"]
    }

    /// Loads a split, located by `locator` (by default: `$SAMLAB_DATA`, the user's data cache, the starter data).
    ///
    /// - Parameters:
    ///   - limit: read only the first `limit` examples (the reader stops decompressing there); all when nil.
    ///     More than the files hold is ``DatasetError/notEnoughExamples(dataset:location:available:requested:remedy:)``
    ///     (the starter data has 2000 training and 1000 test images; `samlab data fetch mnist` gets them all).
    ///   - layout: `.flat` gives `[N, 784]` (the default: the paper's MNIST model is an MLP), `.nhwc` gives
    ///     `[N, 28, 28, 1]`.
    ///   - scaling: `.unitInterval` maps pixels to `p / 255` (the default), `.raw` keeps 0...255.
    ///   - dtype: element type of inputs and one-hot targets.
    public static func load(split: Split = .train, limit: Int? = nil, locator: DataLocator = DataLocator(),
                            layout: ImageLayout = .flat, scaling: PixelScaling = .unitInterval,
                            dtype: DType = .float32) throws -> Dataset {
        let images = try locator.locate(dataset: "mnist", folders: folders, names: imageFileNames(split))
        let labels = try locator.locate(dataset: "mnist", folders: folders, names: labelFileNames(split))
        return try load(imagesPath: images, labelsPath: labels, name: "mnist-\(split.rawValue)", limit: limit,
                        layout: layout, scaling: scaling, dtype: dtype,
                        remedy: DataCatalogue.mnist.remedy)
    }

    /// Loads an IDX image file and its IDX label file from explicit paths (any images of unsigned bytes with
    /// labels 0–9, e.g. Fashion-MNIST). Throws ``DatasetError/countMismatch(imagesPath:imageCount:labelsPath:labelCount:)``
    /// when the two headers declare different counts and ``DatasetError/invalidLabel(path:example:label:classes:)``
    /// for a label above 9, and ``DatasetError/notEnoughExamples(dataset:location:available:requested:remedy:)``
    /// (with `remedy` in its message) when `limit` exceeds the files' count.
    public static func load(imagesPath: String, labelsPath: String, name: String = "mnist", limit: Int? = nil,
                            layout: ImageLayout = .flat, scaling: PixelScaling = .unitInterval,
                            dtype: DType = .float32, remedy: String = "use a smaller limit") throws -> Dataset {
        let (declaredLabels, labels) = try IDX.readLabels(path: labelsPath, limit: limit)
        let images = try IDX.readImages(path: imagesPath, limit: limit)
        guard images.declaredCount == declaredLabels else {
            throw DatasetError.countMismatch(imagesPath: imagesPath, imageCount: images.declaredCount,
                                             labelsPath: labelsPath, labelCount: declaredLabels)
        }
        if let limit, limit > images.declaredCount {
            throw DatasetError.notEnoughExamples(dataset: name, location: (imagesPath as NSString).deletingLastPathComponent,
                                                 available: images.declaredCount, requested: limit, remedy: remedy)
        }
        if let bad = labels.firstIndex(where: { $0 >= numClasses }) {
            throw DatasetError.invalidLabel(path: labelsPath, example: bad, label: labels[bad], classes: numClasses)
        }
        let shape = layout == .flat ? [images.count, images.rows * images.columns] : [images.count, images.rows, images.columns, 1]
        let inputs = PixelTable(factor: scaling.factor(maximum: 255))
            .tensor(images.bytes, offset: IDX.Images.headerSize, shape: shape, dtype: dtype)
        return try Dataset(name: name, inputs: inputs, labels: labels, numClasses: numClasses)
    }
}
