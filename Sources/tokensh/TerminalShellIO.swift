import TokenShellCore
import TokenShellSystem
import TokenShellTerminal

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output and error, and the terminal when there is one.
///
/// Everything commands print is plain text: tokensh's own terminal control (the spinner's
/// line clearing, libedit) is written by `TokenShellTerminal` and never passes through here.
/// So every control character but newline and tab is replaced on the way out
/// (`TerminalText`): whatever a registry, a config file or a file name holds, and whichever
/// message forgot to clean it, cannot drive the terminal.
final class TerminalShellIO: ShellIO {
    let editor: LineEditor?
    let canAsk: Bool
    let canPromptSecrets: Bool
    /// The terminal recording (`record start --cast`, `--record-cast`) while one runs.
    private var cast: CastRecording?
    /// Reads answers at a terminal without line editing (a script asking for its `# needs:`).
    private lazy var plainReader = InputReader()

    /// `editor` is the interactive shell's line editor; nil for `-c`, scripts and pipes.
    init(editor: LineEditor?, stdinIsPiped: Bool) {
        self.editor = editor
        self.canAsk = editor != nil
        self.canPromptSecrets = !stdinIsPiped && Terminal.isInteractive
    }

    var terminalWidth: Int { Terminal.width }
    var historyEntries: [String] { editor?.historyEntries ?? [] }

    func output(_ text: String) { show(TerminalText.lines(text), on: STDOUT_FILENO) }
    func diagnostic(_ text: String) { show(TerminalText.lines(text), on: STDERR_FILENO) }

    /// What the terminal showed that tokensh did not write itself (a prompt whose answer was not
    /// echoed). Only the terminal recording needs it.
    func echoed(_ text: String) { cast?.write(TerminalText.lines(text)) }

    /// A prompt and the line typed after it, echoed by the line editor: for the terminal
    /// recording, which leaves out a line that history would leave out.
    func echoedTyped(prompt: String, line: String) {
        guard let cast else { return }
        let shown = cast.filter.concealsTypedLine(line) ? CastFilter.concealed : line
        cast.write(TerminalText.lines(prompt + shown + "\n"))
    }

    private func show(_ text: String, on descriptor: Int32) {
        Self.write(text, to: descriptor)
        cast?.write(text)
    }

    func ask(_ question: String, default defaultValue: String?, choices: [String]) throws(ShellError) -> String {
        let question = TerminalText.lines(question)
        let defaultValue = defaultValue.map(TerminalText.line)
        let choices = choices.map(TerminalText.line)
        let reader: any LineReader
        if let editor {
            reader = editor
        } else if canPromptSecrets {
            reader = plainReader
        } else {
            throw ShellError(.usage, "no terminal to answer: \(question)", hint: "give the answer as a flag")
        }
        let prompter = Prompter(reader: reader)
        switch prompter.ask(question: question, default: defaultValue, choices: choices) {
        case .answer(let answer):
            echoedTyped(prompt: Prompter.prompt(question: question, default: defaultValue), line: prompter.typed)
            return answer
        case .interrupted:
            throw ShellError(.interrupted, "cancelled")
        case .endOfFile:
            // Ctrl-D leaves the cursor after the question; what follows starts on a line of its own.
            show("\n", on: STDERR_FILENO)
            throw ShellError(.interrupted, "cancelled")
        }
    }

    func askSecret(_ prompt: String) throws(ShellError) -> Secret {
        let input: SecretInput
        do {
            input = try SecretReader.read(prompt: TerminalText.lines(prompt))
        } catch {
            throw ShellError(.usage, "cannot read a secret here: \(error.message)", hint: "set it in the environment")
        }
        // Echo is off: the terminal showed the prompt and, after Enter, a new line.
        echoed(prompt + "\n")
        switch input {
        case .entered(let secret): return secret
        case .interrupted: throw ShellError(.interrupted, "cancelled: nothing was sent")
        case .endOfFile: throw ShellError(.usage, "no answer was given", hint: "type the secret and press Enter")
        }
    }

    func progress(_ message: String) -> any ShellProgress {
        let spinner = Spinner(message: TerminalText.line(message))
        spinner.start()
        return SpinnerProgress(spinner: spinner)
    }

    static func write(_ text: String, to descriptor: Int32) {
        Terminal.write(text, to: descriptor)
    }

    var castPath: String? { cast?.file.path }

    func startCast(_ path: String, replacing: Bool, filter: CastFilter) throws(ShellError) {
        if let cast {
            throw ShellError(
                .usage, "the terminal is already being recorded to \(cast.file.path)", hint: "run `record stop` first")
        }
        let file = try AppendOnlyFile(path: path, replacing: replacing)
        let environment = ProcessInfo.processInfo.environment
        let header = Asciicast.header(
            width: Terminal.width, height: Terminal.height, timestamp: Int(Date().timeIntervalSince1970),
            term: environment["TERM"], shell: environment["SHELL"], title: "tokensh")
        guard file.append(header) else {
            file.remove()
            throw ShellError(.failure, "cannot write \(path)", hint: "check the disk and the folder's permissions")
        }
        cast = CastRecording(file: file, header: header, filter: filter)
    }

    func stopCast(keep: Bool) -> String? {
        guard let cast else { return nil }
        self.cast = nil
        if keep { cast.finish() } else { cast.file.remove() }
        return cast.file.path
    }
}

/// A terminal recording in progress: the file, when it started, the filter every piece of text
/// goes through before it is written, and the events so far (to mask them again at the end).
private final class CastRecording {
    let file: AppendOnlyFile
    let header: String
    let filter: CastFilter
    let start = ContinuousClock.now
    private var events: [(seconds: Double, text: String)] = []
    private var failed = false

    init(file: AppendOnlyFile, header: String, filter: CastFilter) {
        self.file = file
        self.header = header
        self.filter = filter
    }

    func write(_ text: String) {
        guard !failed, !text.isEmpty else { return }
        let elapsed = (ContinuousClock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let masked = filter.mask(text)
        events.append((seconds, masked))
        if !file.append(Asciicast.outputEvent(at: seconds, masked)) {
            failed = true
            Terminal.write(
                "warning: the terminal recording \(file.path) stopped here: it cannot be written (is the disk full?)\n",
                to: STDERR_FILENO)
        }
    }

    /// Masks every event again with what the session knows now (a secret learnt after it was
    /// shown) and rewrites the file when that hid anything more.
    func finish() {
        file.close()
        let remasked = events.map { ($0.seconds, filter.mask($0.text)) }
        guard zip(remasked, events).contains(where: { $0.1 != $1.text }) else { return }
        let text = header + remasked.map { Asciicast.outputEvent(at: $0.0, $0.1) }.joined()
        if !file.replace(with: text) {
            Terminal.write(
                "warning: could not hide a secret learnt late in \(file.path): delete it before sharing\n",
                to: STDERR_FILENO)
        }
    }
}
private final class SpinnerProgress: ShellProgress {
    let spinner: Spinner
    var stopped = false

    init(spinner: Spinner) { self.spinner = spinner }

    /// A progress a command forgot to stop (it threw first) ends with it, not at the next prompt.
    deinit { stop() }

    func stop() {
        guard !stopped else { return }
        stopped = true
        spinner.stop()
    }
}
