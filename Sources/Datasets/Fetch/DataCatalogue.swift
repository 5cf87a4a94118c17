/// A data set that `samlab data fetch` can download: its canonical public files, how each is verified, and
/// the folder of a data root they are installed in (the layout the loaders read).
public struct RemoteDataset: Sendable {
    /// The name users type (`mnist`).
    public let name: String
    /// The canonical folder the files are downloaded from (ends with `/`); `--mirror` replaces it.
    public let baseURL: String
    /// The folder of the data root the files are installed in.
    public let folder: String
    /// The files to download.
    public let files: [RemoteFile]
    /// What the full data set holds, for messages (`60000 training and 10000 test images`).
    public let fullSize: String
    /// Where the files come from, for `samlab data list` and the help.
    public let source: String

    /// What to say when a starter subset is too small.
    public var remedy: String { "run `samlab data fetch \(name)` for the full data set (\(fullSize))" }
}

/// One downloadable file and its SHA-256.
public struct RemoteFile: Sendable {
    /// What the digest covers.
    public enum Check: Sendable, Equatable {
        /// The SHA-256 of the file as downloaded.
        case file(sha256: String)
        /// The SHA-256 of the gzip file's decompressed content: mirrors that recompress the data still verify.
        case content(sha256: String)
    }

    /// The file name in the remote folder (and, unless extracted, the installed name).
    public let name: String
    /// How the download is verified.
    public let check: Check
    /// For a gzip-compressed tar archive, the members to install (under their base names) — the archive
    /// itself is then not kept. Empty for a plain file, installed as downloaded.
    public let extract: [String]

    public init(name: String, check: Check, extract: [String] = []) {
        self.name = name
        self.check = check
        self.extract = extract
    }

    /// The names this file leaves in the dataset's folder.
    public var installedNames: [String] {
        extract.isEmpty ? [name] : extract.map { String($0.split(separator: "/").last ?? Substring($0)) }
    }
}

/// The data sets `samlab data fetch` knows, with the digests published for their canonical files.
public enum DataCatalogue {
    /// MNIST from the mirror torchvision uses (the original site's files, gzip IDX); verified by the SHA-256
    /// of each file's decompressed content, the canonical IDX bytes.
    public static let mnist = RemoteDataset(
        name: "mnist", baseURL: "https://ossci-datasets.s3.amazonaws.com/mnist/", folder: "mnist",
        files: [
            RemoteFile(name: "train-images-idx3-ubyte.gz", check: .content(sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db")),
            RemoteFile(name: "train-labels-idx1-ubyte.gz", check: .content(sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5")),
            RemoteFile(name: "t10k-images-idx3-ubyte.gz", check: .content(sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7")),
            RemoteFile(name: "t10k-labels-idx1-ubyte.gz", check: .content(sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
        ],
        fullSize: "60000 training and 10000 test images",
        source: "LeCun et al.'s MNIST, as mirrored for torchvision")

    /// CIFAR-10's binary version from its authors' page (the archive tfds and TensorFlow's tutorials use):
    /// 170,052,171 bytes, unpacked to `data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`.
    public static let cifar10 = RemoteDataset(
        name: "cifar10", baseURL: "https://www.cs.toronto.edu/~kriz/", folder: "cifar10",
        files: [
            RemoteFile(name: "cifar-10-binary.tar.gz", check: .file(sha256: "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"),
                       extract: (1...5).map { "cifar-10-batches-bin/data_batch_\($0).bin" }
                           + ["cifar-10-batches-bin/test_batch.bin", "cifar-10-batches-bin/batches.meta.txt"]),
        ],
        fullSize: "50000 training and 10000 test images",
        source: "Krizhevsky's CIFAR-10 binary version")

    /// tiny_shakespeare from char-rnn (the file every character-level language-model tutorial uses).
    public static let tinyShakespeare = RemoteDataset(
        name: "tiny_shakespeare", baseURL: "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/",
        folder: "tiny_shakespeare",
        files: [RemoteFile(name: "input.txt", check: .file(sha256: "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"))],
        fullSize: "1,115,394 characters", source: "karpathy/char-rnn's data/tinyshakespeare/input.txt")

    /// Every fetchable data set.
    public static let all = [mnist, cifar10, tinyShakespeare]

    /// The entry of a name, accepting the loaders' names too (`shakespeare`, `cifar-10`).
    public static func entry(named name: String) -> RemoteDataset? {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "")
        let aliases = ["shakespeare": "tiny_shakespeare", "tinyshakespeare": "tiny_shakespeare"]
        let canonical = aliases[key] ?? key
        return all.first { $0.name == canonical || $0.name.replacingOccurrences(of: "-", with: "") == canonical }
    }
}
