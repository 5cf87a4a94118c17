import Foundation

/// Where dataset files are looked for.
///
/// The *data roots* are chosen by the first rule that applies — a more explicit choice is never silently
/// overridden by a later one:
/// 1. an explicit `dataDir` argument: only that directory;
/// 2. otherwise the environment variable `SAMLAB_DATA`, if set and non-empty: only that directory;
/// 3. otherwise the project defaults, in this order: `./data` and `../shared/data` relative to the current
///    directory, then, for the directory holding the running executable and each of its three nearest
///    ancestors `D` (so that `.build/<triple>/release/samlab` reaches the repository), `D/data` and
///    `D/../shared/data`.
///
/// Within a root, a dataset's file `name` is looked for in each of the dataset's folders (e.g.
/// `ROOT/mnist/name`), then directly in the root (`ROOT/name`), so a root may be either the folder holding
/// all datasets or one dataset's own folder. Accepted names are tried in the order given (official file names
/// first, then the names of the shared copies); the first path that exists wins. When none does,
/// ``DatasetError/missingFile(dataset:expected:tried:)`` lists every path tried.
public struct DataLocator: Sendable {
    /// The environment variable naming a data directory.
    public static let environmentVariable = "SAMLAB_DATA"

    /// The directories searched, in order (standardised, without duplicates).
    public let roots: [String]

    /// The roots for an explicit directory, the environment and the working and executable directories
    /// (see the type's documentation for the rules).
    public init(dataDir: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath,
                executablePath: String? = DataLocator.runningExecutablePath()) {
        if let dataDir, !dataDir.isEmpty {
            roots = [Self.standardise(dataDir, relativeTo: currentDirectory)]
            return
        }
        if let fromEnvironment = environment[Self.environmentVariable], !fromEnvironment.isEmpty {
            roots = [Self.standardise(fromEnvironment, relativeTo: currentDirectory)]
            return
        }
        var candidates = [currentDirectory + "/data", currentDirectory + "/../shared/data"]
        if let executablePath {
            var directory = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates += [directory.path + "/data", directory.path + "/../shared/data"]
                directory = directory.deletingLastPathComponent()
            }
        }
        var seen = Set<String>()
        roots = candidates.map { Self.standardise($0, relativeTo: currentDirectory) }.filter { seen.insert($0).inserted }
    }

    /// Every path looked at for a file, in search order: per root, per accepted name, each folder then the
    /// root itself.
    public func candidatePaths(folders: [String], names: [String]) -> [String] {
        roots.flatMap { root in
            names.flatMap { name in folders.map { "\(root)/\($0)/\(name)" } + ["\(root)/\(name)"] }
        }
    }

    /// The first existing file among ``candidatePaths(folders:names:)``; throws
    /// ``DatasetError/missingFile(dataset:expected:tried:)`` naming every path tried.
    public func locate(dataset: String, folders: [String], names: [String]) throws -> String {
        let tried = candidatePaths(folders: folders, names: names)
        var isDirectory: ObjCBool = false
        for path in tried where FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue {
            return path
        }
        throw DatasetError.missingFile(dataset: dataset, expected: names, tried: tried)
    }

    /// The absolute path of the running executable (`/proc/self/exe` on Linux), if known.
    public static func runningExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath
    }

    private static func standardise(_ path: String, relativeTo base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded : base + "/" + expanded
        return URL(fileURLWithPath: absolute).standardized.path
    }
}
