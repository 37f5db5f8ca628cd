/// Cached facts completion may offer, supplied by the shell.
///
/// Completion runs on every TAB, so it must never touch the network: the shell hands over
/// what it already knows (the last token list, registries from config, the file system).
public protocol CompletionContext {
    /// Short ids from the last token list.
    var tokenIDs: [String] { get }
    /// Token names from the last token list.
    var tokenNames: [String] { get }
    /// Registry URLs from the config files and this session.
    var knownRegistries: [String] { get }
    /// Topics `tips` knows.
    var tipTopics: [String] { get }
    /// Keys `config get` knows.
    var configKeys: [String] { get }
    /// Names set with `set` (and, if the shell wants, the environment's).
    var variableNames: [String] { get }
    /// Paths starting with `prefix` as typed; folders end in `/` so completion can go on.
    func paths(matching prefix: String) -> [String]
}

extension CompletionContext {
    public var tokenIDs: [String] { [] }
    public var tokenNames: [String] { [] }
    public var knownRegistries: [String] { [] }
    public var tipTopics: [String] { [] }
    public var configKeys: [String] { [] }
    public var variableNames: [String] { [] }
    public func paths(matching prefix: String) -> [String] { [] }
}

/// What TAB offers: the typed text of the word under the cursor and its replacements.
public struct Completion: Sendable, Equatable {
    /// The word before the cursor exactly as typed (quotes included); candidates replace it.
    public var word: String
    /// Replacements for `word`, quoted where they need it.
    public var candidates: [String]
    /// Whether to add a space after a single candidate (not after `--flag=`, `file:` or a folder).
    public var appendSpace: Bool

    public init(word: String, candidates: [String], appendSpace: Bool) {
        self.word = word
        self.candidates = candidates
        self.appendSpace = appendSpace
    }
}
