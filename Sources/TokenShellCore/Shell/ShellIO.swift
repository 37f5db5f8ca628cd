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
    /// The typed commands kept in history, oldest first (empty without line editing).
    ///
    /// A requirement, not only an extension member: `history` reads it through `any ShellIO`,
    /// and an extension-only member would be dispatched statically to the empty default.
    var historyEntries: [String] { get }
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

extension ShellIO {
    /// No history by default: only the interactive shell's line editor keeps one.
    public var historyEntries: [String] { [] }
}
