/// Every command the shell understands, and how a typed word finds one.
public struct CommandCatalog: Sendable {
    /// All commands, in the order help lists them.
    public let commands: [CommandSpec]
    /// One-line summaries of the groups (`token`, `config`, `record`), whose words are subcommands.
    public let groups: [String: String]

    public init(commands: [CommandSpec], groups: [String: String]) {
        self.commands = commands
        self.groups = groups
    }

    /// The catalog of design §3.
    public static let standard = CommandCatalog(
        commands: [
            .help, .guide, .tips,
            .registry, .ping, .login, .whoami, .status, .exec, .logout,
            .accountList, .accountUse, .accountRemove, .lock,
            .tokenList, .tokenShow, .tokenCreate, .tokenRevoke, .tokenRotate, .tokenPrune,
            .configList, .configGet, .configPath, .audit,
            .recordStart, .recordStop, .recordStatus, .note, .replay, .history, .set, .exit,
        ],
        groups: [
            "token": "list, show, create, revoke, rotate and prune access tokens",
            "account": "list, choose and remove the logins kept in the keyring",
            "config": "show the effective npm config and where each value came from",
            "record": "record this session as a replayable script",
        ])

    /// What a first word names.
    public enum Entry: Sendable, Equatable {
        case command(CommandSpec)
        case group(String)
    }

    /// The command or group named by `word` (exact name or alias).
    public func entry(named word: String) -> Entry? {
        if groups[word] != nil { return .group(word) }
        let match = commands.first { $0.path.count == 1 && ($0.path[0] == word || $0.aliases.contains(word)) }
        return match.map { .command($0) }
    }

    /// The subcommands of a group, in catalog order.
    public func subcommands(of group: String) -> [CommandSpec] {
        commands.filter { $0.path.count == 2 && $0.path[0] == group }
    }

    /// The subcommand of `group` named by `word` (exact name or alias).
    public func subcommand(_ word: String, of group: String) -> CommandSpec? {
        subcommands(of: group).first { $0.path[1] == word || $0.aliases.contains(word) }
    }

    /// The command with exactly this path, e.g. `["token", "create"]`.
    public func command(path: [String]) -> CommandSpec? {
        commands.first { $0.path == path }
    }

    /// Names a first word may be: commands and groups, without symbolic aliases such as `?`.
    public var firstWords: [String] {
        var words: [String] = []
        for command in commands {
            let first = command.path[0]
            if !words.contains(first) { words.append(first) }
        }
        return words
    }

    /// First words including word-like aliases (`quit`, `source`), for completion and suggestions.
    public var firstWordsAndAliases: [String] {
        firstWords + commands.filter { $0.path.count == 1 }.flatMap(\.aliases).filter { $0.first?.isLetter == true }
    }

    /// Whether a word is worth quoting back as a mistyped command: letters and hyphens, as
    /// command names are, and short. Digits, symbols or length suggest a pasted secret.
    static func looksLikeCommandWord(_ word: String) -> Bool {
        word.count <= 16 && word.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "?") }
    }

    /// Resolves the leading words of a line to a command.
    ///
    /// Returns the spec and how many words named it, or a usage error with a suggestion.
    public func resolve(_ words: [String]) -> Result<(spec: CommandSpec, consumed: Int), ShellError> {
        guard let first = words.first else {
            return .failure(ShellError(.usage, "no command given", hint: "type `help` to see the commands"))
        }
        switch entry(named: first) {
        case .command(let spec):
            return .success((spec, 1))
        case .group(let group):
            let names = subcommands(of: group).map { $0.path[1] }
            guard words.count > 1, !words[1].hasPrefix("-") else {
                return .failure(
                    ShellError(
                        .usage, "`\(group)` needs a subcommand: \(names.joined(separator: ", "))",
                        hint: "e.g. `\(group) \(names[0])`; type `help \(group)` for details"))
            }
            if let spec = subcommand(words[1], of: group) { return .success((spec, 2)) }
            let all = names + subcommands(of: group).flatMap(\.aliases)
            return .failure(
                ShellError(
                    .usage, "unknown subcommand `\(group) \(words[1])`",
                    hint: Suggestions.hint(for: words[1], among: all, prefix: "\(group) ")
                        ?? "`\(group)` has: \(names.joined(separator: ", ")); type `help \(group)` for details"))
        case nil:
            // A password pasted at the prompt by mistake arrives here: quote only what looks like
            // a mistyped command, never a word that could be a secret.
            let shown =
                Self.looksLikeCommandWord(first) ? " `\(first)`" : " (not repeated here, in case it is a secret)"
            return .failure(
                ShellError(
                    .usage, "unknown command\(shown)",
                    hint: Suggestions.hint(for: first, among: firstWordsAndAliases, prefix: "")
                        .map { "\($0) `help` lists every command" } ?? "type `help` to see the commands"))
        }
    }
}
