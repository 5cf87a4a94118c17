import SamLanguage
import Tensors
import Datasets

/// Builtins that load data sets: MNIST, CIFAR-10, digits, text corpora, `.npz` files, synthetic blobs.
extension BuiltinRegistry {
    static func registerDataBuiltins(into registry: inout BuiltinRegistry) {
        let dataDir = Builtin.Parameter.optional("data_dir", .string, doc: "only this folder (default: $SAMLAB_DATA, the user's data cache, ./data, data/ beside the script, the starter data examples/data)")
        let center = Builtin.Parameter("center", .bool, default: .bool(false), doc: "subtract the training mean (the test split uses the same mean)")
        let test = Builtin.Parameter("test", .oneOf([.bool, .int]), default: .bool(false), doc: "also load the test split (true, or the number of test examples)")
        let layout = Builtin.Parameter("layout", .string, default: .string("flat"), doc: "\"flat\" (vectors, for an mlp) or \"nhwc\" (images, for a cnn)")

        registry.register("mnist", parameters: [.optional("limit", .int, doc: "the first N training examples"), center, layout, test, dataDir,
                                                .init("split", .string, default: .string("train"), doc: "\"train\" or \"test\"")],
                          returns: .native(DatasetValue.nativeTypeName),
                          doc: "MNIST digits (IDX files, gzip or not), pixels scaled to [0, 1].") { call in
            let split = try splitName(call)
            let imageLayout = try parseLayout(call)
            return try images(call) { part, limit in
                try MNIST.load(split: part == "train" ? (split == "train" ? .train : .test) : .test, limit: limit,
                               locator: try locator(call), layout: imageLayout)
            }
        }
        registry.register("cifar10", parameters: [.optional("limit", .int, doc: "the first N training examples (the paper uses 1000)"), center,
                                                  .init("layout", .string, default: .string("nhwc"), doc: "\"nhwc\" (images, for a cnn) or \"flat\""),
                                                  test, dataDir, .init("split", .string, default: .string("train"), doc: "\"train\" or \"test\"")],
                          returns: .native(DatasetValue.nativeTypeName),
                          doc: "CIFAR-10 images (binary records) as NHWC [N, 32, 32, 3], pixels scaled to [0, 1].") { call in
            let split = try splitName(call)
            let imageLayout = try parseLayout(call)
            return try images(call) { part, limit in
                try CIFAR10.load(split: part == "train" ? (split == "train" ? .train : .test) : .test, limit: limit,
                                 locator: try locator(call), layout: imageLayout)
            }
        }
        registry.register("digits", parameters: [.optional("limit", .int, doc: "the first N examples"), center, layout, dataDir],
                          returns: .native(DatasetValue.nativeTypeName),
                          doc: "scikit-learn's 8×8 digits (1797 examples), pixels scaled to [0, 1].") { call in
            var data = try Digits.load(limit: try call.optionalInt("limit"), locator: try locator(call), layout: try parseLayout(call))
            if try call.bool("center") { data = data.centered() }
            return .native(DatasetValue(.examples(train: data, test: nil)))
        }
        registry.register("shakespeare", parameters: [dataDir, .init("held_out_lines", .int, default: .integer(10_000), doc: "lines at the end kept for testing")],
                          returns: .native(DatasetValue.nativeTypeName),
                          doc: "tiny_shakespeare as characters; the last 10,000 lines are held out (the paper's split).") { call in
            .native(DatasetValue(.text(try CharacterCorpus.tinyShakespeare(locator: try locator(call), heldOutLines: try call.int("held_out_lines")))))
        }
        registry.register("text", parameters: [.init("path", .string, doc: "a plain-text file"),
                                               .init("held_out_lines", .int, default: .integer(0), doc: "lines at the end kept for testing")],
                          returns: .native(DatasetValue.nativeTypeName),
                          doc: "Any text file as a character corpus (vocabulary = its distinct characters).") { call in
            .native(DatasetValue(.text(try CharacterCorpus.read(path: inputPath(try call.string("path"), in: call.context), heldOutLines: try call.int("held_out_lines")))))
        }
        registry.register("npz_data", parameters: [.init("path", .string, doc: "an .npz with arrays x (examples) and y (labels or targets)"),
                                                   .optional("classes", .int, doc: "number of classes when y holds labels"),
                                                   .optional("dtype", .string, doc: "\"float32\" or \"float64\" (default: float64 when x is <f8, else float32)")],
                          returns: .native(DatasetValue.nativeTypeName),
                          doc: """
                              A data set from a NumPy .npz archive (numpy.savez, uncompressed or compressed) with arrays `x` (first axis = \
                              examples) and `y`. Reads the dtypes <f4, <f8, <i4, <i8 and |u1 in C order. `x` keeps its values (uint8 pixels \
                              stay 0...255) and its precision: float64 stays float64 unless dtype says otherwise; integer and uint8 `x` \
                              become float32. An integer vector `y` holds class labels, a float `y` regression targets.
                              """) { call in
            return .native(DatasetValue(.examples(train: try Dataset.loadNPZ(path: inputPath(try call.string("path"), in: call.context), numClasses: try call.optionalInt("classes"),
                                                                              dtype: try CalculusTarget.dtypeArgument(call)),
                                                  test: nil)))
        }
        registry.register("blobs", parameters: [.init("count", .int, default: .integer(512)), .init("classes", .int, default: .integer(3)),
                                                .init("features", .int, default: .integer(8)), .init("seed", .int, default: .integer(0))],
                          returns: .native(DatasetValue.nativeTypeName),
                          doc: "A synthetic classification problem: Gaussian clusters, one per class (seeded).") { call in
            .native(DatasetValue(.examples(train: try SyntheticData.gaussianBlobs(count: try call.int("count"), classes: try call.int("classes"),
                                                                                 dimension: try call.int("features"), seed: UInt64(truncatingIfNeeded: try call.int("seed"))), test: nil)))
        }
        registry.register("subset", parameters: [.init("data", .native(DatasetValue.nativeTypeName)), .init("count", .int),
                                                 .optional("seed", .int, doc: "sample this many at random (seeded) instead of taking the first")],
                          returns: .native(DatasetValue.nativeTypeName),
                          doc: "The first `count` examples of a data set, or a seeded random sample of them.") { call in
            let data = try call.native(DatasetValue.self, "data")
            guard case .examples(let train, let test) = data.content else { throw call.error("subset applies to example data sets, not text", argument: "data") }
            let n = try call.int("count")
            let part = try call.optionalInt("seed").map { try train.subset(sampled: n, seed: UInt64(truncatingIfNeeded: $0)) } ?? (try train.subset(first: n))
            return .native(DatasetValue(.examples(train: part, test: test)))
        }
    }

    /// Where a data builtin looks for files: its `data_dir:`, else the default roots, with the running
    /// script's folder (for `data/` beside it and the starter data of the checkout it lies in).
    private static func locator(_ call: BuiltinCall) throws -> DataLocator {
        DataLocator(dataDir: try call.optionalString("data_dir"), scriptPath: call.context.scriptPath)
    }

    private static func splitName(_ call: BuiltinCall) throws -> String {
        let split = try call.string("split")
        guard split == "train" || split == "test" else { throw call.error("split must be \"train\" or \"test\", got \"\(split)\"", argument: "split") }
        return split
    }

    private static func parseLayout(_ call: BuiltinCall) throws -> ImageLayout {
        let text = try call.string("layout")
        guard let layout = ImageLayout(rawValue: text) else { throw call.error("layout must be \"flat\" or \"nhwc\", got \"\(text)\"", argument: "layout") }
        return layout
    }

    /// Loads a training split (and optionally the test split), centring both with the training mean.
    private static func images(_ call: BuiltinCall, load: (_ part: String, _ limit: Int?) throws -> Dataset) throws -> Value {
        var train = try load("train", try call.optionalInt("limit"))
        var test: Dataset?
        switch try call.value("test") {
        case .bool(true): test = try load("test", nil)
        case .integer(let n): test = try load("test", n)
        default: break
        }
        if try call.bool("center") {
            let mean = train.mean
            train = try train.centered(using: mean)
            test = try test.map { try $0.centered(using: mean) }
        }
        return .native(DatasetValue(.examples(train: train, test: test)))
    }
}
