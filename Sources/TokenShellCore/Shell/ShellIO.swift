/// How commands talk to the person (or the pipe) in front of the shell.
///
/// Results go to `output` (stdout), everything else — progress, tips, errors — to
/// `diagnostic` (stderr), so `--json` output and pipes stay clean.
public protocol ShellIO: AnyObject {
    func output(_ text: String)
    func diagnostic(_ text: String)

    /// Non-secret questions (wizards, confirmations): only in the interactive shell.
    var canAsk: Bool { get }
    /// Echo-off secret prompts: whenever stdin and stdout are terminals (design §2).
    var canPromptSecrets: Bool { get }
    var terminalWidth: Int { get }

    /// Asks a question; an empty answer takes the default. Throws `.interrupted` on Ctrl-C.
    func ask(_ question: String, default: String?, choices: [String]) throws(ShellError) -> String
    /// Reads a secret with echo off. Throws `.interrupted` on Ctrl-C.
    func askSecret(_ prompt: String) throws(ShellError) -> Secret
    /// A spinner (or nothing, without a terminal) while waiting on the network.
    func progress(_ message: String) -> any ShellProgress

    /// Starts copying what the terminal shows into an asciicast file at `path`, each piece of
    /// text passed through `mask` first. Throws when a terminal recording is already running
    /// or the file cannot be created (an existing file only with `replacing`).
    func startCast(_ path: String, replacing: Bool, mask: @escaping (String) -> String) throws(ShellError)
    /// Ends the terminal recording; the file it wrote, or nil when none was running.
    func stopCast() -> String?
    /// The terminal recording's file while one runs.
    var castPath: String? { get }
}

public protocol ShellProgress: AnyObject {
    func stop()
}

extension ShellIO {
    public func ask(_ question: String, default defaultValue: String?) throws(ShellError) -> String {
        try ask(question, default: defaultValue, choices: [])
    }

    /// A yes/no question. Without a way to ask, the answer is the default.
    public func confirm(_ question: String, default defaultValue: Bool) throws(ShellError) -> Bool {
        guard canAsk else { return defaultValue }
        // The brackets already show the default: no second "[y]" from the prompter.
        let answer = try ask(question + (defaultValue ? " [Y/n]" : " [y/N]"), default: nil)
        return answer.isEmpty ? defaultValue : answer.lowercased().hasPrefix("y")
    }
}

/// Defaults for IO without a terminal to record (fakes, embedders).
extension ShellIO {
    public func startCast(_ path: String, replacing: Bool, mask: @escaping (String) -> String) throws(ShellError) {
        throw ShellError(.failure, "cannot record the terminal here", hint: "record with the tokensh executable")
    }

    public func stopCast() -> String? { nil }
    public var castPath: String? { nil }
}

extension ShellIO {
    /// The typed commands kept in history, oldest first (empty without line editing).
    public var historyEntries: [String] { [] }
}
