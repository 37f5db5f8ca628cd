/// Turns a command line into a `ParsedCommand`, or a usage error that says what to do next.
///
/// Everything it knows comes from the catalog's specs: names, aliases, flags, value kinds and
/// positionals. `--flag=value` and `--flag value` are both accepted, `--` ends the flags, and
/// `COMMAND --help` becomes `help COMMAND`.
public struct CommandParser: Sendable {
    public let catalog: CommandCatalog

    public init(catalog: CommandCatalog = .standard) {
        self.catalog = catalog
    }

    /// Lexes, expands and parses one line; nil for a blank or comment-only line.
    public func parse(_ line: String, variables: (String) -> String?) throws(ShellError) -> ParsedCommand? {
        if let command = rawTextCommand(line) { return command }
        let words = try Lexer.words(in: line, variables: variables)
        if words.isEmpty { return nil }
        return try parse(words: words)
    }

    /// Parses words that were already lexed and expanded.
    public func parse(words: [Word]) throws(ShellError) -> ParsedCommand {
        let flagWords = ownFlagWords(words)
        if let secret = flagWords.first(where: { Self.isSecretFlag($0.value) }) {
            throw Self.secretFlagError(secret.value)
        }
        if flagWords.contains(where: { $0.value == "--help" || $0.value == "-h" }) {
            return helpCommand(for: words)
        }
        let (spec, consumed) = try catalog.resolve(words.map(\.value)).get()
        var state = ArgumentCollector(spec: spec)
        try state.collect(Array(words.dropFirst(consumed)))
        return try state.finish(words: words)
    }

    /// The words that may be this command's own flags: those before `--`, and for a command
    /// that runs another program, those before the program's name (`exec npm publish --help`
    /// asks npm, not tokensh).
    private func ownFlagWords(_ words: [Word]) -> ArraySlice<Word> {
        let flagWords = words.prefix { $0.value != "--" }
        guard case .success(let (spec, consumed)) = catalog.resolve(words.map(\.value)), spec.flagsEndAtFirstArgument
        else { return flagWords }
        let arguments = flagWords.dropFirst(consumed)
        return flagWords.prefix(consumed + arguments.prefix { $0.value.hasPrefix("-") && $0.value != "-" }.count)
    }

    /// A command whose spec takes raw text (`note TEXT`): the rest of the line, untouched. Nil
    /// for any other line, and for `note --help`, which parses as usual.
    private func rawTextCommand(_ line: String) -> ParsedCommand? {
        let trimmed = line.trimmingWhitespace()
        let name = trimmed.prefix { $0 != " " && $0 != "\t" }
        guard !name.isEmpty, case .command(let spec) = catalog.entry(named: String(name)), spec.takesRawText
        else { return nil }
        let text = String(String(trimmed.dropFirst(name.count)).trimmingWhitespace())
        if text == "--help" || text == "-h" { return nil }
        return ParsedCommand(
            spec: spec, flags: [:], positionals: text.isEmpty ? [] : [text], words: [], flagTemplates: [:],
            positionalTemplates: text.isEmpty ? [] : [.literal(text)])
    }

    /// `--password`, `--otp` and their `=` forms: refused on every command.
    public static func isSecretFlag(_ word: String) -> Bool {
        ["--password", "--otp"].contains { word == $0 || word.hasPrefix($0 + "=") }
    }

    static func secretFlagError(_ word: String) -> ShellError {
        let flag = word.hasPrefix("--otp") ? "--otp" : "--password"
        let variables = flag == "--otp" ? "TOKENSH_OTP or TOKENSH_OTP_COMMAND" : "TOKENSH_PASSWORD"
        return ShellError(
            .usage,
            "\(flag) is refused: a secret on the command line ends up in history, `ps` and recorded scripts",
            hint: "leave it out and answer the prompt, or without a terminal set \(variables) in the environment",
            code: "ESECRETFLAG")
    }

    /// `token create --help` → `help token create`, whatever else is on the line.
    private func helpCommand(for words: [Word]) -> ParsedCommand {
        let help = catalog.command(path: ["help"]) ?? .help
        var topic: [String] = []
        if let first = words.first, !first.value.hasPrefix("-") {
            topic.append(first.value)
            if case .group = catalog.entry(named: first.value), words.count > 1, !words[1].value.hasPrefix("-") {
                topic.append(words[1].value)
            }
        }
        if topic.first == "help" || topic.first.map({ help.aliases.contains($0) }) == true { topic = [] }
        return ParsedCommand(
            spec: help, flags: [:], positionals: topic, words: words, flagTemplates: [:],
            positionalTemplates: topic.map { .literal($0) })
    }
}

/// The state of parsing one command's flags and positionals.
private struct ArgumentCollector {
    let spec: CommandSpec
    var occurrences: [String: [String]] = [:]
    var templates: [String: [WordTemplate]] = [:]
    var positionalWords: [Word] = []

    init(spec: CommandSpec) {
        self.spec = spec
    }

    mutating func collect(_ words: [Word]) throws(ShellError) {
        var index = 0
        var flagsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            let text = word.value
            if flagsEnded || !text.hasPrefix("-") || text == "-" {
                positionalWords.append(word)
                if spec.flagsEndAtFirstArgument { flagsEnded = true }
                continue
            }
            if text == "--" {
                flagsEnded = true
                continue
            }
            let (flag, inline) = try flagAndInlineValue(word)
            guard flag.kind.takesValue else {
                try record(flag, value: inline?.value ?? "true", template: inline?.template ?? .literal("true"))
                continue
            }
            if let inline {
                try record(flag, value: inline.value, template: inline.template)
                continue
            }
            guard index < words.count, !words[index].value.hasPrefix("--") else {
                var hint = "write it as --\(flag.name) \(flag.valueName)"
                if let choices = flag.kind.choices { hint += " (one of: \(choices.joined(separator: ", ")))" }
                throw ShellError(.usage, "--\(flag.name) needs a value", hint: hint)
            }
            try record(flag, value: words[index].value, template: words[index].template)
            index += 1
        }
    }

    func flagAndInlineValue(_ word: Word) throws(ShellError) -> (FlagSpec, (value: String, template: WordTemplate)?) {
        let text = word.value
        if !text.hasPrefix("--") {
            let letter = text.dropFirst()
            if letter.count == 1, let short = letter.first, let flag = spec.flag(short: short) { return (flag, nil) }
            throw unknownFlag(text)
        }
        var name = String(text.dropFirst(2))
        var inline: (String, WordTemplate)?
        if let equals = name.firstIndex(of: "=") {
            let value = String(name[name.index(after: equals)...])
            name = String(name[..<equals])
            let template = word.template.split(atFirst: "=")?.tail ?? .literal(value)
            inline = (value, template)
        }
        guard let flag = spec.flag(named: name) else { throw unknownFlag("--" + name) }
        return (flag, inline)
    }

    func unknownFlag(_ text: String) -> ShellError {
        let names = spec.flags.map { "--" + $0.name }
        let suggestion = Suggestions.hint(for: text, among: names, prefix: "")
        let known = spec.flags.isEmpty ? "`\(spec.name)` takes no flags" : "type `help \(spec.name)` for its flags"
        return ShellError(
            .usage, "unknown flag \(text) for `\(spec.name)`",
            hint: suggestion.map { "\($0) \(known)" } ?? known)
    }

    mutating func record(_ flag: FlagSpec, value: String, template: WordTemplate) throws(ShellError) {
        if occurrences[flag.name] != nil, !flag.repeatable {
            throw ShellError(
                .usage, "--\(flag.name) is given more than once", hint: "give it once, with the value you mean")
        }
        if flag.kind != .list { _ = try ValueValidator.value(value, kind: flag.kind, label: "--\(flag.name)") }
        occurrences[flag.name, default: []].append(value)
        templates[flag.name, default: []].append(template)
    }

    func finish(words: [Word]) throws(ShellError) -> ParsedCommand {
        var flags: [String: FlagValue] = [:]
        for flag in spec.flags {
            guard let values = occurrences[flag.name], let last = values.last else { continue }
            if flag.kind == .list {
                flags[flag.name] = .list(ValueValidator.splitList(values))
            } else {
                flags[flag.name] = try ValueValidator.value(last, kind: flag.kind, label: "--\(flag.name)")
            }
        }
        for group in spec.exclusiveFlags {
            let given = group.filter { occurrences[$0] != nil }
            if given.count > 1 {
                throw ShellError(
                    .usage, "--\(given[0]) and --\(given[1]) cannot be used together",
                    hint: "keep the one you mean; type `help \(spec.name)` for details")
            }
        }
        let positionals = try checkedPositionals(flags: flags)
        return ParsedCommand(
            spec: spec, flags: flags, positionals: positionals, words: words,
            flagTemplates: templates.filter { $0.value.contains(where: \.hasVariables) },
            positionalTemplates: positionalWords.map(\.template))
    }

    func checkedPositionals(flags: [String: FlagValue]) throws(ShellError) -> [String] {
        let values = positionalWords.map(\.value)
        let required = spec.positionals.filter { !$0.optional }.count
        let repeating = spec.positionals.last?.repeating ?? false
        if !repeating, values.count > spec.positionals.count {
            let extra = values[spec.positionals.count]
            let what = spec.positionals.isEmpty ? "`\(spec.name)` takes no arguments" : "usage: \(spec.usage)"
            throw ShellError(.usage, "unexpected argument `\(extra)` for `\(spec.name)`", hint: what)
        }
        if values.count < required {
            let missing = spec.positionals[values.count]
            throw ShellError(.usage, "`\(spec.name)` needs \(missing.name)", hint: "usage: \(spec.usage)")
        }
        if let alternative = spec.positionalsOrFlag {
            let hasFlag = flags[alternative] != nil
            if values.isEmpty, !hasFlag, let first = spec.positionals.first {
                throw ShellError(
                    .usage, "`\(spec.name)` needs \(first.name) or --\(alternative)",
                    hint: "e.g. `\(spec.examples.first ?? spec.usage)`")
            }
            if !values.isEmpty, hasFlag, let first = spec.positionals.first {
                throw ShellError(
                    .usage, "give either \(first.name) or --\(alternative), not both", hint: "usage: \(spec.usage)")
            }
        }
        for (offset, value) in values.enumerated() {
            let positional = spec.positionals[min(offset, spec.positionals.count - 1)]
            _ = try ValueValidator.value(value, kind: positional.kind, label: positional.name)
        }
        return values
    }
}
