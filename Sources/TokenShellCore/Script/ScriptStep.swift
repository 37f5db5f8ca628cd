/// One command of a `--step` replay, as the person walking through it sees it: the notes the
/// recorder wrote about it, the line, what the command does and the npm command that does the
/// same, then the question.
public struct ScriptStep: Sendable, Equatable {
    /// 1-based among the script's commands.
    public var number: Int
    /// How many commands the script holds; nil for input read as it arrives.
    public var total: Int?
    /// `FILE:LINE`.
    public var location: String
    /// The comment lines just before the command, without their `#`.
    public var notes: [String]
    /// The line as written in the script (`${NAME}` unexpanded).
    public var line: String
    public var command: ParsedCommand

    public init(
        number: Int, total: Int?, location: String, notes: [String], line: String, command: ParsedCommand
    ) {
        self.number = number
        self.total = total
        self.location = location
        self.notes = notes
        self.line = line
        self.command = command
    }

    /// The text shown before the question.
    public var description: String {
        let of = total.map { " of \($0)" } ?? ""
        var text = "\nStep \(number)\(of) · \(location)\n"
        for note in notes { text += "  # \(note)\n" }
        text += "  \(line.trimmingWhitespace())\n"
        text += "  what it does: \(command.spec.summary)\n"
        if let npm = NpmEquivalent.of(command, registryKind: ScriptDryRun.registryKind(for: command)) {
            text += "  npm: \(npm.command)\n"
            if let note = npm.note { text += "  note: \(note)\n" }
        } else {
            text += "  npm: (no npm equivalent)\n"
        }
        if command.spec.path == ["replay"] {
            text += "  note: its commands run one after another, without asking\n"
        }
        return text
    }

    public static let question = "Run it? (y/n/skip/stop)"
    public static let choices = ["y", "n", "skip", "stop"]

    /// What the person chose.
    public enum Answer: Sendable, Equatable {
        case run
        /// `n` or `skip`: leave this command out and go on.
        case skip
        /// Leave a resume point and end the replay here.
        case stop

        /// Nil for an answer that is none of the choices (asked again).
        public init?(_ text: String) {
            switch text.trimmingWhitespace().lowercased() {
            case "", "y", "yes", "run": self = .run
            case "n", "no", "s", "skip": self = .skip
            case "stop", "q", "quit": self = .stop
            default: return nil
            }
        }
    }
}

/// The comment lines of a script that belong to the command after them (`note TEXT` while
/// recording, or written by hand), collected as the lines are read.
public struct ScriptNotes: Sendable, Equatable {
    private var pending: [String] = []

    public init() {}

    /// Feeds one line that is not a command; header lines (`#!`, version, recorded, needs) are
    /// not notes.
    public mutating func read(_ line: String) {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix("#"), !ScriptHeader.isHeaderLine(trimmed) else { return }
        let text = String(trimmed.dropFirst()).trimmingWhitespace()
        if !text.isEmpty { pending.append(String(text)) }
    }

    /// The notes of the command being run now; the next command starts with none.
    public mutating func take() -> [String] {
        defer { pending = [] }
        return pending
    }
}
