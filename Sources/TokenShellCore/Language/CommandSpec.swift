/// Everything the shell knows about one command, in one value.
///
/// Parsing, help, completion, validation, the canonical line and the npm equivalent all read
/// the same spec, so adding or changing a command touches one place.
public struct CommandSpec: Sendable, Equatable {
    /// The words that name the command, e.g. `["token", "create"]`.
    public var path: [String]
    /// Other spellings of the last word of `path`, e.g. `rm` for `token revoke`.
    public var aliases: [String]
    public var topic: CommandTopic
    /// One line, lower-case, for the command overview.
    public var summary: String
    /// A paragraph or two for `help COMMAND`.
    public var help: String
    public var positionals: [PositionalSpec]
    /// Flags in canonical order: the order of the recorded line.
    public var flags: [FlagSpec]
    /// Complete lines that parse; shown in help and checked by tests.
    public var examples: [String]
    /// The npm command that does the same, e.g. `npm token list`; nil where npm has none.
    public var npmCommand: String?
    /// A caveat about the npm equivalent, e.g. the npm version it needs.
    public var npmNote: String?
    /// A flag that may stand in for the required positionals, e.g. `name` for `token revoke --name`.
    public var positionalsOrFlag: String?
    /// Groups of flags of which at most one may be given.
    public var exclusiveFlags: [[String]]
    /// The rest of the line after the command's name is one positional, exactly as typed: no
    /// quotes, no `${NAME}` expansion (`note don't forget`).
    public var takesRawText: Bool
    /// Words after the first positional are positionals too, flag-like or not: they belong to
    /// another program (`exec npm publish --tag next`). The command's own flags come first.
    public var flagsEndAtFirstArgument: Bool

    public init(
        _ path: [String], aliases: [String] = [], topic: CommandTopic, summary: String, help: String,
        positionals: [PositionalSpec] = [], flags: [FlagSpec] = [], examples: [String] = [],
        npmCommand: String? = nil, npmNote: String? = nil, positionalsOrFlag: String? = nil,
        exclusiveFlags: [[String]] = [], takesRawText: Bool = false, flagsEndAtFirstArgument: Bool = false
    ) {
        self.path = path
        self.aliases = aliases
        self.topic = topic
        self.summary = summary
        self.help = help
        self.positionals = positionals
        self.flags = flags
        self.examples = examples
        self.npmCommand = npmCommand
        self.npmNote = npmNote
        self.positionalsOrFlag = positionalsOrFlag
        self.exclusiveFlags = exclusiveFlags
        self.takesRawText = takesRawText
        self.flagsEndAtFirstArgument = flagsEndAtFirstArgument
    }

    /// The command's name as typed, e.g. `token create`.
    public var name: String { path.joined(separator: " ") }

    /// The flag with the given long name.
    public func flag(named name: String) -> FlagSpec? {
        flags.first { $0.name == name }
    }

    /// The flag with the given short letter.
    public func flag(short: Character) -> FlagSpec? {
        flags.first { $0.short == short }
    }

    /// `token revoke ID... [--name NAME] [--yes]`: the synopsis for help and usage errors.
    public var usage: String { usageItems.joined(separator: " ") }

    /// The synopsis in pieces that help keeps whole when it wraps, e.g. `[--cidr CIDRS]`.
    public var usageItems: [String] {
        // Where flags end at the first argument (`exec`), they can only come before it.
        if flagsEndAtFirstArgument { return [name] + flags.map { "[\($0.usage)]" } + positionals.map(\.usage) }
        return [name] + positionals.map(\.usage) + flags.map { "[\($0.usage)]" }
    }
}

/// The jobs commands are grouped by in the help overview.
public enum CommandTopic: String, Sendable, CaseIterable {
    case start
    case session
    case tokens
    case checks
    case scripts

    /// The heading shown in `help`.
    public var title: String {
        switch self {
        case .start: "Getting started"
        case .session: "Registry and login"
        case .tokens: "Tokens"
        case .checks: "Config and safety checks"
        case .scripts: "Scripts and the shell"
        }
    }
}
