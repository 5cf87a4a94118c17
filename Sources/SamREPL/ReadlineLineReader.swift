import CReadline
import ProcessSupport
import Foundation

/// A ``LineReader`` on GNU readline, for a terminal: line editing, `~/.inputrc` (readline name
/// `samlab`, for `$if samlab`), persistent bounded history and tab completion. The only file that
/// touches readline.
///
/// Readline is used through its callback interface: the reader waits with `poll` on standard input and
/// on a self-pipe that its SIGINT handler writes to, and feeds readline one character at a time. So
/// Ctrl-C at the prompt does not kill the process: the handler wakes the wait, the partial line is
/// dropped and ``readLine(prompt:)`` returns ``LineInput/interrupted``. Readline's own signal handling
/// is off (`rl_catch_signals = 0`). While an entry runs, the terminal is in its normal mode and
/// ``Interruption/catchingInterrupts(_:)`` routes Ctrl-C to the interrupt flag, then restores this
/// reader's handler.
///
/// Readline is process-wide state: create at most one reader at a time, and ``close()`` it at the end.
public final class ReadlineLineReader: LineReader {
    private let history: HistoryFile?
    private var lastEntry: String?
    private let previousHandler: sighandler_t?

    /// Sets up readline with `completer` and loads the history from `history` (none if `nil`).
    public init(history: HistoryFile?, completer: Completer) {
        self.history = history
        rl_readline_name = UnsafeRawPointer(("samlab" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
        rl_catch_signals = 0
        rl_attempted_completion_function = attemptCompletion
        rl_completion_word_break_hook = wordBreakCharacters
        ReadlineState.completer = completer
        using_history()
        if let history {
            stifle_history(Int32(history.limit))
            for entry in history.load() { add_history(entry) }
        }
        ReadlineState.openWakePipe()
        // Touch the flag first, so that its lazy initialisation never runs inside the signal handler.
        Interruption.reset()
        previousHandler = signal(SIGINT) { _ in
            Interruption.request()
            ReadlineState.wake()
        }
    }

    /// Restores the SIGINT handler that was there before and releases readline's line state.
    public func close() {
        signal(SIGINT, previousHandler)
        rl_callback_handler_remove()
        ReadlineState.completer = nil
    }

    public func readLine(prompt: String) -> LineInput {
        ReadlineState.drainWakePipe()
        ReadlineState.result = nil
        rl_callback_handler_install(prompt, handleLine)
        while true {
            if let result = ReadlineState.result {
                if result == .endOfInput { print() }
                return result
            }
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: ReadlineState.wakeReadDescriptor, events: Int16(POLLIN), revents: 0)]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .endOfInput
            }
            if descriptors[1].revents != 0 {
                ReadlineState.drainWakePipe()
                cancelLine()
                return .interrupted
            }
            if descriptors[0].revents & Int16(POLLIN | POLLHUP) != 0 {
                rl_callback_read_char()
            } else if descriptors[0].revents != 0 {
                rl_callback_handler_remove()
                return .endOfInput
            }
        }
    }

    public func recordHistory(_ entry: String) {
        guard entry != lastEntry else { return }
        lastEntry = entry
        add_history(entry)
        guard let history else { return }
        history.append(entry)
        history_truncate_file(history.path, Int32(history.limit))
    }

    /// Drops the line being edited (Ctrl-C), echoes `^C` as the terminal would, and ends the line.
    private func cancelLine() {
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_echo_signal_char(SIGINT)
        rl_callback_handler_remove()
        print()
    }
}

/// What readline's C callbacks reach: they cannot capture context, so the state is static.
private enum ReadlineState {
    nonisolated(unsafe) static var completer: Completer?
    /// The outcome of the current ``ReadlineLineReader/readLine(prompt:)``, set by the line handler.
    nonisolated(unsafe) static var result: LineInput?
    /// The matches of the current completion and the next one to hand out.
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var nextMatch = 0
    /// The word-break characters handed to readline (kept alive until the next completion).
    nonisolated(unsafe) static var breakCharacters: UnsafeMutablePointer<CChar>?
    /// The self-pipe the SIGINT handler writes to: its read end and its write end.
    nonisolated(unsafe) static var wakeReadDescriptor: Int32 = -1
    nonisolated(unsafe) static var wakeWriteDescriptor: Int32 = -1

    /// Opens the self-pipe once per process (both ends non-blocking, closed on exec).
    static func openWakePipe() {
        guard wakeWriteDescriptor < 0 else { return }
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        wakeReadDescriptor = descriptors[0]
        wakeWriteDescriptor = descriptors[1]
    }

    /// Called from the signal handler: only async-signal-safe work.
    static func wake() {
        var byte: UInt8 = 0
        _ = write(wakeWriteDescriptor, &byte, 1)
    }

    static func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeReadDescriptor, &buffer, buffer.count) > 0 {}
    }

    /// The text before the cursor.
    static func lineBeforeCursor() -> String {
        guard let buffer = rl_line_buffer, rl_point > 0 else { return "" }
        let bytes = UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(rl_point)), as: UTF8.self)
    }
}

/// Receives a finished line (or `nil` for Ctrl-D on an empty line) and stops the callback interface, so
/// that readline does not show the prompt again before the entry has run.
private func handleLine(_ line: UnsafeMutablePointer<CChar>?) {
    if let line {
        ReadlineState.result = .line(String(cString: line))
        free(line)
    } else {
        ReadlineState.result = .endOfInput
    }
    rl_callback_handler_remove()
}

/// Makes readline's word start where the completer's does: the word breaks at the character before it.
private func wordBreakCharacters() -> UnsafeMutablePointer<CChar>? {
    let line = ReadlineState.lineBeforeCursor()
    let start = ReadlineState.completer?.complete(line).start ?? 0
    var characters = " \t\n"
    let bytes = Array(line.utf8)
    if start > 0, start <= bytes.count, bytes[start - 1] < 0x80 { characters.append(Character(UnicodeScalar(bytes[start - 1]))) }
    free(ReadlineState.breakCharacters)
    ReadlineState.breakCharacters = strdup(characters)
    return ReadlineState.breakCharacters
}

/// Completes the word readline found, from the completer's candidates; never falls back to readline's
/// file-name completion.
private func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    guard let completer = ReadlineState.completer else { return nil }
    let line = ReadlineState.lineBeforeCursor()
    let completion = completer.complete(line)
    ReadlineState.matches = completion.texts(forWordStart: Int(start), in: line)
    guard !ReadlineState.matches.isEmpty else { return nil }
    if let terminator = completion.terminator?.utf8, terminator.count == 1 {
        rl_completion_append_character = Int32(terminator.first!)
    } else {
        rl_completion_suppress_append = 1
    }
    return rl_completion_matches(text, nextMatch)
}

/// Hands readline the matches one by one (`state` is 0 on the first call).
private func nextMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { ReadlineState.nextMatch = 0 }
    guard ReadlineState.nextMatch < ReadlineState.matches.count else { return nil }
    defer { ReadlineState.nextMatch += 1 }
    return strdup(ReadlineState.matches[ReadlineState.nextMatch])
}
