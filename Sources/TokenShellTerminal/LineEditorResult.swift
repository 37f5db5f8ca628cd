/// What one read from a line source produced.
public enum LineEditorResult: Sendable, Equatable {
    /// A complete line, without its trailing newline.
    case line(String)
    /// Ctrl-C: the half-typed line is discarded; the shell prompts again and never exits.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfFile
}

/// Anything the shell reads command lines or answers from: the libedit editor when
/// interactive, `InputReader` for pipes and script files, a scripted fake in tests.
public protocol LineReader: AnyObject {
    /// Reads one line; `prompt` is shown only by readers attached to a terminal.
    func readLine(prompt: String) -> LineEditorResult
}
