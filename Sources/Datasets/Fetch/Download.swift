import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ProcessSupport

/// Streams one remote file into a local file, hashing it on the way: an `http(s)://` URL through
/// URLSession, or a `file://` URL / plain path by copying. Used by ``DataFetcher``, which owns naming,
/// verification and atomic installation.
enum Download {
    /// What arrived.
    struct Result {
        /// Bytes written.
        let bytes: Int64
        /// SHA-256 of those bytes.
        let sha256: String
    }

    /// Writes the content of `url` to the open descriptor `fd` (of the file `path`), calling `progress`
    /// with (bytes so far, total if known). Throws ``FetchError`` for an unreachable server, an HTTP error,
    /// a connection that ends early, and a failed write.
    static func fetch(_ url: String, into fd: Int32, path: String, progress: @escaping (Int64, Int64?) -> Void) throws -> Result {
        if url.hasPrefix("http://") || url.hasPrefix("https://") {
            return try HTTPStream(url: url, fd: fd, path: path, progress: progress).run()
        }
        let local = url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
        return try copy(local, url: url, into: fd, path: path, progress: progress)
    }

    private static func copy(_ source: String, url: String, into fd: Int32, path: String,
                             progress: (Int64, Int64?) -> Void) throws -> Result {
        guard let input = FileHandle(forReadingAtPath: source) else {
            throw FetchError.unreachable(url: url, reason: "no such file")
        }
        defer { try? input.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: source)[.size] as? Int64) ?? nil
        var hasher = SHA256(), written: Int64 = 0
        while true {
            let chunk = input.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            try writeAll(chunk, to: fd, path: path)
            hasher.update(chunk)
            written += Int64(chunk.count)
            progress(written, total)
        }
        return Result(bytes: written, sha256: hasher.finalize())
    }

    /// Writes all of `data` to `fd`, retrying short writes; a failure (ENOSPC: the disk is full) is a
    /// ``FetchError/write(path:reason:)``.
    static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    let reason = errno == ENOSPC ? "no space left on device (the disk is full)" : String(cString: strerror(errno))
                    throw FetchError.write(path: path, reason: reason)
                }
                offset += n
            }
        }
    }
}

/// One HTTP GET streamed to a file descriptor with URLSession's data delegate (the body is never held in
/// memory whole); `run()` blocks until the transfer ends.
private final class HTTPStream: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let url: String, fd: Int32, path: String
    private let progress: (Int64, Int64?) -> Void
    private let finished = DispatchSemaphore(value: 0)
    private var hasher = SHA256()
    private var received: Int64 = 0
    private var expected: Int64?
    private var status = 0
    private var failure: Error?
    private var writeFailure: FetchError?

    init(url: String, fd: Int32, path: String, progress: @escaping (Int64, Int64?) -> Void) {
        self.url = url; self.fd = fd; self.path = path; self.progress = progress
    }

    func run() throws -> Download.Result {
        guard let address = URL(string: url) else { throw FetchError.unreachable(url: url, reason: "not a valid URL") }
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: queue)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: address).resume()
        finished.wait()
        if let writeFailure { throw writeFailure }
        if status != 0 && status != 200 { throw FetchError.httpStatus(url: url, status: status) }
        if let failure {
            let reason = (failure as NSError).localizedDescription
            if status == 200 { throw FetchError.incomplete(url: url, received: received, expected: expected, reason: reason) }
            throw FetchError.unreachable(url: url, reason: reason)
        }
        if let expected, received != expected {
            throw FetchError.incomplete(url: url, received: received, expected: expected, reason: "the connection closed early")
        }
        return Download.Result(bytes: received, sha256: hasher.finalize())
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 0
        expected = response.expectedContentLength >= 0 ? response.expectedContentLength : nil
        completionHandler(status == 200 ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard writeFailure == nil else { return }
        do {
            try Download.writeAll(data, to: fd, path: path)
            hasher.update(data)
            received += Int64(data.count)
            progress(received, expected)
        } catch {
            writeFailure = error as? FetchError ?? .write(path: path, reason: "\(error)")
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        failure = error
        finished.signal()
    }
}
