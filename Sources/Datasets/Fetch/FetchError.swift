/// Why `samlab data fetch` could not install a data set. Every case names the URL or path involved; nothing
/// half-written is left behind when one is thrown.
public enum FetchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Not a data set of ``DataCatalogue``.
    case unknownDataset(String)
    /// The server could not be reached (no network, a refused connection, a name that does not resolve).
    case unreachable(url: String, reason: String)
    /// The server answered with an HTTP error status.
    case httpStatus(url: String, status: Int)
    /// The connection ended before the whole file arrived.
    case incomplete(url: String, received: Int64, expected: Int64?, reason: String)
    /// The file arrived but its digest is not the published one (the download was deleted).
    case checksumMismatch(url: String, what: String, expected: String, actual: String)
    /// The download is not a well-formed gzip or tar archive, or lacks a member.
    case badArchive(url: String, reason: String)
    /// A file could not be written (a full disk, permissions).
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownDataset(name):
            return "unknown data set '\(name)'; samlab data fetch knows " + DataCatalogue.all.map(\.name).joined(separator: ", ")
        case let .unreachable(url, reason):
            return "cannot download \(url): \(reason) (no network? --mirror URL points at another copy of the files)"
        case let .httpStatus(url, status):
            return "cannot download \(url): the server answered HTTP \(status)" + (status == 404 ? " (not found)" : "")
        case let .incomplete(url, received, expected, reason):
            let of = expected.map { " of \($0)" } ?? ""
            return "download of \(url) broke off after \(received)\(of) bytes: \(reason); nothing was installed, rerun to try again"
        case let .checksumMismatch(url, what, expected, actual):
            return "\(url): SHA-256 mismatch (\(what)): expected \(expected), got \(actual); the download was deleted"
        case let .badArchive(url, reason):
            return "\(url): \(reason)"
        case let .write(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
