/// Checks a script line by line as it is read (a file or piped input): text only, and a header
/// whose version this tokensh reads.
///
/// Line by line rather than on the whole text, so piped input still runs each command as it
/// arrives; the header lives in the leading comment lines, before the first command.
public struct ScriptLineCheck: Sendable {
    /// What the leading comment lines said.
    public private(set) var header = ScriptHeader()
    private var inPreamble = true
    let source: String

    /// `source` names the script in messages: a path, or `stdin`.
    public init(source: String) {
        self.source = source
    }

    /// The longest line a script, piped input or `-c` may hold, in bytes. A tokensh command is a
    /// few hundred bytes (a token is under 100, a CIDR list a few dozen entries); 64 KiB leaves
    /// room for any real line while a runaway one (a binary blob, a missing line end, a pasted
    /// file) is refused at once, and the line reader never holds more than this of one line.
    public static let maxLineBytes = 64 * 1024

    /// Whether the line may be run; throws for an overlong line, garbage or an unreadable header.
    public mutating func check(_ line: String, number: Int) throws(ShellError) {
        if line.utf8.count > Self.maxLineBytes {
            throw ShellError(
                .usage, "\(source):\(number): the line is longer than \(Self.maxLineBytes / 1024) KiB",
                hint: "a tokensh command fits on a short line; check that this is the script you meant",
                code: "ELINETOOLONG")
        }
        if let bad = line.unicodeScalars.first(where: Self.isGarbage) {
            let what = bad == "\u{FFFD}" ? "it is not UTF-8 text" : "it holds binary data (control characters)"
            throw ScriptSource.notAScript(source, what + " at line \(number)")
        }
        guard inPreamble else { return }
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty { return }
        guard trimmed.hasPrefix("#") else {
            inPreamble = false
            return
        }
        if number == 1, trimmed.hasPrefix("#!"), !trimmed.contains("tokensh") {
            throw ScriptSource.notAScript(source, "its first line `\(trimmed)` names another interpreter")
        }
        try header.read(commentLine: String(trimmed), source: source)
    }

    /// Control characters other than tab and form feed, and the replacement character that
    /// stands for bytes that were not UTF-8.
    static func isGarbage(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0C: false
        case 0x00..<0x20, 0x7F, 0xFFFD: true
        default: false
        }
    }
}
