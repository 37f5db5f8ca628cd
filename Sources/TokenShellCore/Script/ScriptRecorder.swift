/// A recording in progress: which file, what it holds so far, and the rule for what goes in.
///
/// Recording writes the shell's own commands, not keystrokes: each command that succeeded, as
/// its canonical line (wizard answers as flags, `${NAME}` kept as typed). The whole text is
/// kept so each write replaces the file atomically: the script on disk is always complete.
public struct ScriptRecorder: Sendable, Equatable {
    /// The script being written, as given to `record start`.
    public let path: String
    /// The whole script so far: header, then one line per recorded command.
    public private(set) var text: String
    /// Commands written so far (not counting the header), for `record status` and `record stop`.
    public private(set) var commandCount = 0

    public init(path: String, header: String) {
        self.path = path
        self.text = header
    }

    /// What the recorder does with a command that ran.
    public enum Decision: Sendable, Equatable {
        case write(String)
        /// Commands about the shell itself (`help`, `history`, `record`, `tips`, `replay`,
        /// `guide`, `exit`, `set` without an argument): replaying them would change nothing
        /// or, for `replay`, run its lines twice (they are recorded one by one as they run).
        case skipMeta
        /// The line would hold a token, password or one-time password.
        case skipSecret
    }

    /// The shell's own commands, by their first word.
    static let metaCommands: Set<String> = [
        "help", "history", "record", "tips", "replay", "guide", "exit", "note",
    ]

    /// Decides what to write for a command that succeeded. `completed` is the fully specified
    /// form (`Shell.completedCommand`); `allowsLine` is the history rule for secrets this
    /// session has seen.
    public static func decision(
        for command: ParsedCommand, completed: ParsedCommand?, allowsLine: (String) -> Bool
    ) -> Decision {
        let spec = command.spec
        if let first = spec.path.first, metaCommands.contains(first) { return .skipMeta }
        if spec.path == ["set"], command.positionals.isEmpty { return .skipMeta }
        let final = completed ?? command
        if CanonicalLine.holdsSecret(final) { return .skipSecret }
        let line = CanonicalLine.render(final)
        guard allowsLine(line), !SecretPatterns.containsCredentialShape(line) else { return .skipSecret }
        return .write(line)
    }

    /// Adds `# TEXT`, a note about the next command; the caller writes `text` to `path`.
    public mutating func appendNote(_ note: String) {
        text += "# \(note)\n"
    }

    /// Adds one line; the caller writes `text` to `path`.
    public mutating func append(_ line: String) {
        text += line + "\n"
        commandCount += 1
    }
}
