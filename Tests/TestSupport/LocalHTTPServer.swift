import Foundation

/// A real HTTP server on 127.0.0.1 for the fetch tests: Python's `http.server` serving a folder, or a
/// server that answers every request with a `Content-Length` and then closes the connection halfway
/// through the body. The port is chosen by the system; the process is ended by ``stop()``.
public final class LocalHTTPServer {
    private let process = Process()
    /// The port it listens on.
    public let port: Int

    /// `http://127.0.0.1:PORT/`.
    public var baseURL: String { "http://127.0.0.1:\(port)/" }

    private init(script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = output.fileHandleForReading.readLine()
        guard let port = line.flatMap({ Int($0) }) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the test HTTP server did not start: \(line ?? "no output")"])
        }
        self.port = port
    }

    /// Serves the files of `directory` (404 for anything else).
    public static func serving(_ directory: String) throws -> LocalHTTPServer {
        try LocalHTTPServer(script: """
            import functools, http.server, sys
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            handler.func.log_message = lambda *args: None
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            print(server.server_address[1])
            server.serve_forever()
            """, arguments: [directory])
    }

    /// Answers each request with `200 OK`, `Content-Length: total`, then `sent` bytes, then closes.
    public static func droppingConnections(total: Int, sent: Int) throws -> LocalHTTPServer {
        try LocalHTTPServer(script: """
            import socket, sys
            total, sent = int(sys.argv[1]), int(sys.argv[2])
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 0)); s.listen(8)
            print(s.getsockname()[1])
            for _ in range(50):
                c, _ = s.accept(); c.recv(65536)
                c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n" % total + b"x" * sent); c.close()
            """, arguments: [String(total), String(sent)])
    }

    public func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

private extension FileHandle {
    /// One line of output (without the newline), or nil at end of file.
    func readLine() -> String? {
        var bytes: [UInt8] = []
        while true {
            let byte = readData(ofLength: 1)
            guard let b = byte.first else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if b == 10 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(b)
        }
    }
}
