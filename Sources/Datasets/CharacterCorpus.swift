import Foundation

/// The characters of a text and their token ids: the sorted distinct Unicode scalars (code points), id =
/// position in that order — the same vocabulary as Python's `sorted(set(text))`.
public struct CharacterVocabulary: Sendable, Equatable {
    /// The characters in id order (ascending code point).
    public let symbols: [Unicode.Scalar]
    /// Ids of scalars below 256 (-1 when absent), for fast encoding of ASCII and Latin-1 text.
    private let smallIds: [Int]
    /// Ids of the other scalars.
    private let largeIds: [Unicode.Scalar: Int]

    /// The vocabulary of the distinct scalars in `scalars`.
    public init<S: Sequence>(scalars: S) where S.Element == Unicode.Scalar {
        symbols = Set(scalars).sorted { $0.value < $1.value }
        var small = [Int](repeating: -1, count: 256), large: [Unicode.Scalar: Int] = [:]
        for (id, s) in symbols.enumerated() {
            if s.value < 256 { small[Int(s.value)] = id } else { large[s] = id }
        }
        smallIds = small
        largeIds = large
    }

    /// The vocabulary of a text.
    public init(text: String) { self.init(scalars: text.unicodeScalars) }

    /// Number of distinct characters.
    public var count: Int { symbols.count }

    /// The id of one character, or nil if it is not in the vocabulary.
    public func id(of scalar: Unicode.Scalar) -> Int? {
        let id = scalar.value < 256 ? smallIds[Int(scalar.value)] : largeIds[scalar] ?? -1
        return id >= 0 ? id : nil
    }

    /// The ids of a text's characters; throws for a character outside the vocabulary.
    public func encode(_ text: String) throws -> [Int] {
        try text.unicodeScalars.map { scalar in
            guard let id = id(of: scalar) else {
                throw DatasetError.invalidArgument("character \(scalar.escaped(asASCII: true)) (U+\(String(scalar.value, radix: 16, uppercase: true))) is not in the \(count)-character vocabulary")
            }
            return id
        }
    }

    /// The text of a sequence of ids (each in `0..<count`, checked with a precondition).
    public func decode(_ ids: [Int]) -> String {
        var view = String.UnicodeScalarView()
        for id in ids {
            precondition(id >= 0 && id < count, "token id \(id) outside 0..<\(count)")
            view.append(symbols[id])
        }
        return String(view)
    }
}

/// A character-level language-modelling corpus split into a training and a held-out test text, as token ids
/// of one ``CharacterVocabulary`` built from the *whole* text (so test characters always have ids).
///
/// The split follows the paper's tiny_shakespeare setting: the last `heldOutLines` lines (lines end at
/// `\n`; a final line without `\n` counts too) are the test text, everything before them the training text.
/// For tiny_shakespeare (40,000 lines) and 10,000 held-out lines, the training text is the first 854,960 of
/// 1,115,394 characters.
public struct CharacterCorpus: Sendable {
    /// A short name for messages, e.g. `tiny_shakespeare`.
    public let name: String
    /// The vocabulary of the whole text.
    public let vocabulary: CharacterVocabulary
    /// Token ids of the training text.
    public let trainTokens: [Int]
    /// Token ids of the held-out test text.
    public let testTokens: [Int]

    /// Folders of a data root that may hold tiny_shakespeare's `input.txt`.
    public static let tinyShakespeareFolders = ["tiny_shakespeare", "tinyshakespeare"]

    /// Splits `text`, holding out its last `heldOutLines` lines. Throws if the text has no more lines than
    /// that (the training part would be empty).
    public init(text: String, name: String, heldOutLines: Int) throws {
        let scalars = Array(text.unicodeScalars)
        let vocabulary = CharacterVocabulary(scalars: scalars)
        var newlineEnds: [Int] = []   // index just past each "\n"
        for (i, s) in scalars.enumerated() where s == "\n" { newlineEnds.append(i + 1) }
        let lineCount = newlineEnds.count + (newlineEnds.last == scalars.count || scalars.isEmpty ? 0 : 1)
        guard heldOutLines >= 0, heldOutLines < lineCount else {
            throw DatasetError.invalidArgument("\(name): cannot hold out \(heldOutLines) of \(lineCount) lines and keep a training text")
        }
        let trainLines = lineCount - heldOutLines
        let split = trainLines <= newlineEnds.count ? newlineEnds[trainLines - 1] : scalars.count
        let ids = scalars.map { vocabulary.id(of: $0)! }
        self.name = name
        self.vocabulary = vocabulary
        trainTokens = Array(ids[..<split])
        testTokens = Array(ids[split...])
    }

    /// Reads a UTF-8 text file (gzip-compressed or not) and splits it. Throws
    /// ``DatasetError/malformedFile(path:format:reason:)`` if it is not valid UTF-8.
    public static func read(path: String, name: String? = nil, heldOutLines: Int = 10_000) throws -> CharacterCorpus {
        let bytes = try FileBytes.read(path)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw DatasetError.malformedFile(path: path, format: "text", reason: "not valid UTF-8")
        }
        return try CharacterCorpus(text: text, name: name ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension,
                                   heldOutLines: heldOutLines)
    }

    /// tiny_shakespeare's `input.txt` (1,115,394 characters, 65 distinct, 40,000 lines), or its gzip
    /// `input.txt.gz` (the starter data), located by `locator` in a folder `tiny_shakespeare` of a data root
    /// or the root itself; the last `heldOutLines` lines are the test text (10,000 in the paper).
    public static func tinyShakespeare(locator: DataLocator = DataLocator(), heldOutLines: Int = 10_000) throws -> CharacterCorpus {
        let path = try locator.locate(dataset: "tiny_shakespeare", folders: tinyShakespeareFolders, names: ["input.txt", "input.txt.gz"])
        return try read(path: path, name: "tiny_shakespeare", heldOutLines: heldOutLines)
    }
}
