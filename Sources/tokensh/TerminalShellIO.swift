import TokenShellCore
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

    /// `editor` is the interactive shell's line editor; nil for `-c`, scripts and pipes.
    init(editor: LineEditor?, stdinIsPiped: Bool) {
        self.editor = editor
        self.canAsk = editor != nil
        self.canPromptSecrets = !stdinIsPiped && Terminal.isInteractive
    }

    var terminalWidth: Int { Terminal.width }
    var historyEntries: [String] { editor?.historyEntries ?? [] }

    func output(_ text: String) { Self.write(TerminalText.lines(text), to: STDOUT_FILENO) }
    func diagnostic(_ text: String) { Self.write(TerminalText.lines(text), to: STDERR_FILENO) }

    func ask(_ question: String, default defaultValue: String?, choices: [String]) throws(ShellError) -> String {
        let question = TerminalText.lines(question)
        let defaultValue = defaultValue.map(TerminalText.line)
        let choices = choices.map(TerminalText.line)
        guard let editor else {
            throw ShellError(.usage, "no terminal to answer: \(question)", hint: "give the answer as a flag")
        }
        switch Prompter(reader: editor).ask(question: question, default: defaultValue, choices: choices) {
        case .answer(let answer): return answer
        case .interrupted, .endOfFile: throw ShellError(.interrupted, "cancelled")
        }
    }

    func askSecret(_ prompt: String) throws(ShellError) -> Secret {
        let input: SecretInput
        do {
            input = try SecretReader.read(prompt: TerminalText.lines(prompt))
        } catch {
            throw ShellError(.usage, "cannot read a secret here: \(error.message)", hint: "set it in the environment")
        }
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
}

private final class SpinnerProgress: ShellProgress {
    let spinner: Spinner
    var stopped = false

    init(spinner: Spinner) { self.spinner = spinner }

    func stop() {
        guard !stopped else { return }
        stopped = true
        spinner.stop()
    }
}
