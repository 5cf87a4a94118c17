import SamInterpreter
import SamREPL

/// A ``LineReader`` that replays scripted inputs and records the prompts it was shown and the history
/// it was given, for tests of the read loop that need Ctrl-C.
final class ScriptedLineReader: LineReader {
    private var inputs: [LineInput]
    private(set) var prompts: [String] = []
    private(set) var history: [String] = []

    init(_ inputs: [LineInput]) {
        self.inputs = inputs
    }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func recordHistory(_ entry: String) {
        history.append(entry)
    }
}

/// What a session printed.
struct SessionOutput {
    var stdout: String
    var stderr: String
}

/// Runs a session over `reader` with string sinks; results go under `outputDirectory`.
func runSession(_ reader: LineReader, registry: BuiltinRegistry = .standard(),
                outputDirectory: String = "/tmp/samlab-repl-tests") -> SessionOutput {
    let stdout = StringSink(), stderr = StringSink()
    let session = ReplSession(options: ReplOptions(outputDirectory: outputDirectory, quiet: true), registry: registry,
                              output: stdout, errors: stderr)
    session.run(reader: reader)
    return SessionOutput(stdout: stdout.text, stderr: stderr.text)
}

/// Runs a session over the lines of `text`, as `samlab repl < file` does.
func runSession(_ text: String, registry: BuiltinRegistry = .standard()) -> SessionOutput {
    runSession(StreamLineReader(text: text), registry: registry)
}
