/// Renders `help` and `help COMMAND` from the specs, wrapped to the terminal width.
public struct HelpRenderer: Sendable {
    public let catalog: CommandCatalog

    public init(catalog: CommandCatalog = .standard) {
        self.catalog = catalog
    }

    /// Help for `help TOPIC...`: the overview when `topic` is empty, a group, or one command.
    ///
    /// Throws a usage error with a suggestion when the topic names no command.
    public func help(for topic: [String], width: Int) throws(ShellError) -> String {
        guard let first = topic.first else { return overview(width: width) }
        if case .group(let group) = catalog.entry(named: first), topic.count == 1 {
            return groupHelp(group, width: width)
        }
        let (spec, _) = try catalog.resolve(topic).get()
        return commandHelp(spec, width: width)
    }

    /// The orientation page: commands grouped by job, with a hint of where to go next.
    public func overview(width: Int) -> String {
        var lines = TextWrapper.wrap(
            "tokensh: log in to an npm registry, create least-privilege tokens, list and revoke them, "
                + "store them safely, and record it all as a replayable script.", width: width)
        let entries = catalog.commands.map { (synopsis($0), $0) }
        let column = min(28, entries.map(\.0.count).max() ?? 0)
        for topic in CommandTopic.allCases {
            let inTopic = entries.filter { $0.1.topic == topic }
            if inTopic.isEmpty { continue }
            lines += ["", topic.title + ":"]
            for (left, spec) in inTopic {
                lines += TextWrapper.columns(left, spec.summary, column: column, width: width)
            }
        }
        lines.append("")
        lines += TextWrapper.wrap(
            "Type `help COMMAND` for a command's flags, an example and the npm command that does the same "
                + "(e.g. `help token create`). New here? Type `guide`. TAB completes commands, flags and values.",
            width: width)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One group's subcommands, e.g. `help token`.
    public func groupHelp(_ group: String, width: Int) -> String {
        var lines = TextWrapper.wrap("\(group): \(catalog.groups[group] ?? "")", width: width)
        let specs = catalog.subcommands(of: group)
        let column = min(28, specs.map { synopsis($0).count }.max() ?? 0)
        lines.append("")
        for spec in specs {
            lines += TextWrapper.columns(synopsis(spec), spec.summary, column: column, width: width)
        }
        lines.append("")
        lines += TextWrapper.wrap("Type `help \(group) SUBCOMMAND` for its flags and examples.", width: width)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One command in full: usage, explanation, arguments, flags, examples, npm equivalent.
    public func commandHelp(_ spec: CommandSpec, width: Int) -> String {
        var lines = TextWrapper.wrap("\(spec.name): \(spec.summary)", width: width)
        lines += ["", "Usage:"]
        lines += TextWrapper.wrap(items: spec.usageItems, width: width, indent: "      ", firstIndent: "  ")
        lines.append("")
        lines += TextWrapper.wrap(spec.help, width: width)
        if !spec.positionals.isEmpty {
            lines += ["", "Arguments:"]
            let column = min(24, spec.positionals.map(\.name.count).max() ?? 0)
            for positional in spec.positionals {
                lines += TextWrapper.columns(positional.name, positional.summary, column: column, width: width)
            }
        }
        if !spec.flags.isEmpty {
            lines += ["", "Flags:"]
            let lefts = spec.flags.map(flagLeft)
            let column = min(28, lefts.map(\.count).max() ?? 0)
            for (left, flag) in zip(lefts, spec.flags) {
                lines += TextWrapper.columns(left, flagSummary(flag), column: column, width: width)
            }
        }
        if !spec.aliases.isEmpty {
            let prefix = spec.path.dropLast().map { $0 + " " }.joined()
            lines +=
                [""]
                + TextWrapper.wrap(
                    "Also spelled: " + spec.aliases.map { prefix + $0 }.joined(separator: ", "), width: width)
        }
        if !spec.examples.isEmpty {
            lines += ["", spec.examples.count == 1 ? "Example:" : "Examples:"]
            for example in spec.examples {
                lines += TextWrapper.wrap(example, width: width, indent: "      ", firstIndent: "  ")
            }
        }
        lines += ["", "npm equivalent:"]
        lines += TextWrapper.wrap(spec.npmCommand ?? "none: npm has no such command", width: width, indent: "  ")
        if let note = spec.npmNote {
            lines += TextWrapper.wrap("(\(note))", width: width, indent: "  ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `token revoke ID...`: the name with its positionals, for overview rows.
    private func synopsis(_ spec: CommandSpec) -> String {
        ([spec.name] + spec.positionals.map(\.usage)).joined(separator: " ")
    }

    private func flagLeft(_ flag: FlagSpec) -> String {
        let long = flag.kind.takesValue ? "--\(flag.name) \(flag.valueName)" : "--\(flag.name)"
        guard let short = flag.short else { return long }
        return "-\(short), \(long)"
    }

    private func flagSummary(_ flag: FlagSpec) -> String {
        var text = flag.summary
        if case .integer(let range, let unit) = flag.kind {
            text += " (\(range.lowerBound)–\(range.upperBound) \(unit))"
        }
        if flag.repeatable, flag.kind != .list { text += " (repeatable)" }
        return text
    }
}
