import Glibc

/// The answer to a plain (non-secret) question.
public enum PromptAnswer: Sendable, Equatable {
    /// What was typed, trimmed, or the default when the line was empty.
    case answer(String)
    /// Ctrl-C: the caller cancels the whole flow (a wizard creates nothing).
    case interrupted
    /// Ctrl-D or closed input: no answer will come.
    case endOfFile
}

/// Asks non-secret questions with a default, through libedit when interactive (editing, TAB
/// over the choices) or through any other `LineReader` otherwise.
///
/// Questions are not added to history: only the shell adds lines there.
public final class Prompter {
    private let reader: any LineReader
    /// The line as typed for the last question (before a default stood in for an empty one):
    /// what the terminal showed after the prompt.
    public private(set) var typed = ""

    /// - Parameter reader: the shell's `LineEditor` when interactive, else e.g. an `InputReader`.
    public init(reader: any LineReader) {
        self.reader = reader
    }

    /// Shows `question [default]: ` and returns the answer; `choices` complete with TAB when
    /// the reader is a `LineEditor`.
    public func ask(question: String, default defaultValue: String?, choices: [String] = []) -> PromptAnswer {
        let prompt = Self.prompt(question: question, default: defaultValue)
        let editor = reader as? LineEditor
        let previous = editor?.completionProvider
        if let editor, !choices.isEmpty {
            editor.completionProvider = { text in Self.complete(text, among: choices) }
        }
        defer { editor?.completionProvider = previous }
        if editor == nil, Terminal.stdinIsTerminal {
            Terminal.write(prompt, to: STDERR_FILENO)  // a plain reader shows no prompt itself
        }
        switch reader.readLine(prompt: prompt) {
        case .line(let text):
            typed = text
            let trimmed = text.trimmingWhitespace()
            return .answer(trimmed.isEmpty ? defaultValue ?? "" : trimmed)
        case .interrupted: return .interrupted
        case .endOfFile: return .endOfFile
        }
    }

    /// `question [default]: `, or `question: ` without a default.
    public static func prompt(question: String, default defaultValue: String?) -> String {
        guard let defaultValue, !defaultValue.isEmpty else { return "\(question): " }
        return "\(question) [\(defaultValue)]: "
    }

    /// Completes the whole answer typed so far against the choices (prefix, case-insensitive).
    public static func complete(_ text: String, among choices: [String]) -> CompletionSuggestions {
        let typed = text.lowercased()
        let matches = choices.filter { $0.lowercased().hasPrefix(typed) }
        return CompletionSuggestions(word: text, candidates: matches, appendSpace: false)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
