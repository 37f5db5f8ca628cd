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
    /// text passed through `filter` first. Throws when a terminal recording is already running
    /// or the file cannot be created (an existing file only with `replacing`).
    func startCast(_ path: String, replacing: Bool, filter: CastFilter) throws(ShellError)
    /// Ends the terminal recording; the file it wrote, or nil when none was running. With
    /// `keep` false the file is removed (a `record start` that failed halfway).
    func stopCast(keep: Bool) -> String?
    /// The terminal recording's file while one runs.
    var castPath: String? { get }
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

/// Defaults for IO without a terminal to record (fakes, embedders).
extension ShellIO {
    public func startCast(_ path: String, replacing: Bool, filter: CastFilter) throws(ShellError) {
        throw ShellError(.failure, "cannot record the terminal here", hint: "record with the tokensh executable")
    }

    public func stopCast(keep: Bool) -> String? { nil }
    public var castPath: String? { nil }
}

extension ShellIO {
    /// No history by default: only the interactive shell's line editor keeps one.
    public var historyEntries: [String] { [] }
}

/// What a terminal recording may keep of the text the terminal showed.
public struct CastFilter {
    /// Hides the secrets in text as it is written; applied again to everything when the
    /// recording ends, so a secret learnt later (a password typed at the prompt by mistake,
    /// then used to log in) is hidden in what was written before.
    public let mask: (String) -> String
    /// Whether a line typed at a prompt with echo on is kept out, as history keeps it out
    /// (`--password=…`, a leading space, a line holding a known secret).
    public let concealsTypedLine: (String) -> Bool

    public init(mask: @escaping (String) -> String, concealsTypedLine: @escaping (String) -> Bool) {
        self.mask = mask
        self.concealsTypedLine = concealsTypedLine
    }

    /// What stands for a concealed typed line.
    public static let concealed = "•••• (not shown: it may hold a secret)"
}
