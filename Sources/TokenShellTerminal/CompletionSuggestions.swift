/// The shell's answer to a TAB press, computed from the text before the cursor.
///
/// The editor only edits: the shell decides what the word at the cursor is and what may replace
/// it, so completion stays testable in the pure core.
public struct CompletionSuggestions: Sendable, Equatable {
    /// The partial word at the cursor, as it appears at the end of the text before the cursor.
    public var word: String
    /// Full replacements for `word`.
    public var candidates: [String]
    /// Whether a single, unique candidate is followed by a space (false for a directory path
    /// ending in `/`, or a `--flag=` awaiting its value).
    public var appendSpace: Bool

    public init(word: String, candidates: [String], appendSpace: Bool = true) {
        self.word = word
        self.candidates = candidates
        self.appendSpace = appendSpace
    }

    /// Nothing to offer: TAB beeps.
    public static let none = CompletionSuggestions(word: "", candidates: [])

    /// The longest prefix, in whole characters, shared by every candidate.
    public var commonPrefix: String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}

/// Supplies completions to the line editor: `(textBeforeCursor) -> suggestions`.
public typealias CompletionProvider = (_ textBeforeCursor: String) -> CompletionSuggestions
