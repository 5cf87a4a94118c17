import Foundation

/// Where dataset files are looked for.
///
/// The *data roots*, in search order:
/// 1. an explicit `dataDir` argument: then only that directory (an explicit choice is never silently
///    replaced by another folder);
/// 2. otherwise, in order: the directory named by `$SAMLAB_DATA` (if set and non-empty); the user's data
///    cache, where `samlab data fetch` installs the full data sets (``userDataDirectory(environment:)``);
///    `./data` in the current directory; a `data` folder beside the running script; and the **starter
///    data** of a samlab checkout, `examples/data`, found from the script's directory and from the running
///    executable's directory and their nearest ancestors (so `samlab run` works from any directory of a
///    clone, and `.build/<triple>/release/samlab` reaches the repository).
///
/// Within a root, a dataset's file `name` is looked for in each of the dataset's folders (e.g.
/// `ROOT/mnist/name`), then directly in the root (`ROOT/name`), so a root may be either the folder holding
/// all datasets or one dataset's own folder. Accepted names are tried in the order given (official file names
/// first); the first path that exists wins. When none does, ``DatasetError/missingFile(dataset:expected:tried:)``
/// lists every path tried.
public struct DataLocator: Sendable {
    /// The environment variable naming a data directory.
    public static let environmentVariable = "SAMLAB_DATA"
    /// Where the starter data lives inside a samlab checkout.
    public static let starterFolder = "examples/data"

    /// Why a root is searched.
    public enum Origin: String, Sendable {
        /// The `dataDir` argument (a script's `data_dir:`, a command's `--dir`).
        case explicit
        /// `$SAMLAB_DATA`.
        case environment
        /// The user's data cache (what `samlab data fetch` fills).
        case userCache = "user cache"
        /// `./data` in the working directory, or `data` beside the script.
        case local
        /// The small real subsets shipped in the repository (`examples/data`).
        case starter
    }

    /// One directory searched, and why.
    public struct Root: Sendable, Equatable {
        /// The standardised absolute path.
        public let path: String
        /// Why it is searched.
        public let origin: Origin
    }

    /// The directories searched, in order (standardised, without duplicates).
    public let searchRoots: [Root]

    /// The searched paths alone.
    public var roots: [String] { searchRoots.map(\.path) }

    /// The roots for an explicit directory, the environment, the user cache, the working directory, the
    /// script and the executable (see the type's documentation for the rules).
    public init(dataDir: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath,
                executablePath: String? = DataLocator.runningExecutablePath(),
                scriptPath: String? = nil) {
        if let dataDir, !dataDir.isEmpty {
            searchRoots = [Root(path: Self.standardise(dataDir, relativeTo: currentDirectory), origin: .explicit)]
            return
        }
        var candidates: [(String, Origin)] = []
        if let fromEnvironment = environment[Self.environmentVariable], !fromEnvironment.isEmpty {
            candidates.append((fromEnvironment, .environment))
        }
        candidates.append((Self.userDataDirectory(environment: environment), .userCache))
        candidates.append((currentDirectory + "/data", .local))
        var anchors: [URL] = []
        if let scriptPath {
            let scriptDirectory = URL(fileURLWithPath: Self.standardise(scriptPath, relativeTo: currentDirectory)).deletingLastPathComponent()
            candidates.append((scriptDirectory.path + "/data", .local))
            anchors += Self.selfAndAncestors(scriptDirectory, count: 3)
        }
        if let executablePath {
            anchors += Self.selfAndAncestors(URL(fileURLWithPath: executablePath).deletingLastPathComponent(), count: 4)
        }
        candidates += anchors.map { ($0.appendingPathComponent(Self.starterFolder).path, .starter) }
        var seen = Set<String>()
        searchRoots = candidates.map { Root(path: Self.standardise($0.0, relativeTo: currentDirectory), origin: $0.1) }
            .filter { seen.insert($0.path).inserted }
    }

    /// The user's data cache: `$XDG_DATA_HOME/samlab`, else `~/.local/share/samlab` (the XDG base-directory
    /// convention; `samlab data fetch` installs there unless given `--dir`).
    public static func userDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/samlab" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/samlab"
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

    /// The root a located file lies in (its longest matching root), for messages that say where data came from.
    public func root(containing path: String) -> Root? {
        searchRoots.filter { path.hasPrefix($0.path + "/") }.max { $0.path.count < $1.path.count }
    }

    /// The absolute path of the running executable (`/proc/self/exe` on Linux), if known.
    public static func runningExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath
    }

    private static func selfAndAncestors(_ directory: URL, count: Int) -> [URL] {
        var result = [directory], current = directory
        for _ in 0..<count where current.path != "/" {
            current = current.deletingLastPathComponent()
            result.append(current)
        }
        return result
    }

    private static func standardise(_ path: String, relativeTo base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded : base + "/" + expanded
        return URL(fileURLWithPath: absolute).standardized.path
    }
}
