import ArgumentParser
import Foundation
import Datasets
import ProcessSupport

/// `samlab data fetch|list`: the full data sets and where data is found.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Download the full data sets, or list what data is where.",
        discussion: """
            samlab ships small real subsets (examples/data: 2000 + 1000 MNIST digits, 1000 + 500 CIFAR-10 images, \
            tiny_shakespeare, sklearn digits). `samlab data fetch mnist cifar10 tiny_shakespeare` downloads the full \
            sets into the user's data cache ($XDG_DATA_HOME/samlab, else ~/.local/share/samlab), where the loaders \
            look before the starter data.
            """,
        subcommands: [DataFetchCommand.self, DataListCommand.self])
}

/// `samlab data fetch NAME... [--dir DIR] [--mirror URL]`.
struct DataFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download data sets from their canonical locations, verify their SHA-256 and install them.",
        discussion: """
            Data sets: \(DataCatalogue.all.map { "\($0.name) (\($0.fullSize); \($0.source), \($0.baseURL))" }.joined(separator: "; ")). \
            Files are written atomically: a killed download leaves no half file, and a rerun starts that file again; \
            files already installed and verified are kept. Exit codes: 0 ok, 64 unknown name, 74 network, HTTP, \
            checksum or disk error (a file that fails its checksum is deleted and both digests are printed).
            """)

    @Argument(help: "Data sets to download: \(DataCatalogue.all.map(\.name).joined(separator: ", ")).")
    var names: [String]

    @Option(name: .long, help: "Install into this data root instead of the user's data cache.")
    var dir: String?

    @Option(name: .long, help: "Download from this folder instead (an http(s):// or file:// URL, or a path) holding the data set's standard file names.")
    var mirror: String?

    @Flag(name: .long, help: "No progress output.")
    var quiet = false

    func validate() throws {
        for name in names where DataCatalogue.entry(named: name) == nil {
            throw ValidationError(FetchError.unknownDataset(name).description)
        }
    }

    func run() throws {
        let root = dir.map { URL(fileURLWithPath: $0).standardized.path } ?? DataLocator.userDataDirectory()
        let fetcher = DataFetcher(root: root, mirror: mirror, progress: ProgressDisplay(quiet: quiet))
        try reportingErrors {
            for name in names {
                let dataset = DataCatalogue.entry(named: name)!
                let outcomes = try fetcher.fetch(dataset)
                let downloaded = outcomes.filter(\.downloaded)
                let megabytes = String(format: "%.1f", Double(downloaded.map(\.bytes).reduce(0, +)) / 1e6)
                let note = downloaded.isEmpty ? "already installed and verified" : "downloaded \(megabytes) MB, SHA-256 verified"
                print("\(dataset.name): \(note) in \(root)/\(dataset.folder)")
            }
        }
    }
}

/// `samlab data list [--dir DIR]`.
struct DataListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show every data folder the loaders search, what each holds and whether its files verify.",
        discussion: "Search order: --dir (then only it), $SAMLAB_DATA, the user's data cache, ./data, examples/data of this checkout.")

    @Option(name: .long, help: "List only this data root.")
    var dir: String?

    func run() throws {
        let locator = DataLocator(dataDir: dir)
        let entries = DataInventory.entries(locator: locator)
        let shown = locator.searchRoots.filter { $0.origin == .userCache || $0.origin == .explicit || FileManager.default.fileExists(atPath: $0.path) }
        print("data roots, in search order (folders that do not exist left out):")
        for root in shown { print("  \(root.path) (\(root.origin.rawValue))") }
        if entries.isEmpty { print("no data found; `samlab data fetch mnist` downloads MNIST") }
        var current = ""
        for entry in entries {
            if entry.dataset != current {
                current = entry.dataset
                let fetch = DataCatalogue.entry(named: entry.dataset).map { "  (full set: \($0.fullSize); samlab data fetch \($0.name))" } ?? ""
                print("\n\(entry.dataset)\(fetch)")
            }
            print("  \(entry.root.origin.rawValue): \(entry.folder)\n    \(entry.contents); \(entry.status)")
        }
    }
}
