/// The fully specified line for a parsed command, as recorded in scripts and shown in dry runs.
///
/// Positionals come first, then flags in the spec's order; values are quoted only when they
/// need it, and a value typed with `${NAME}` keeps the reference so a replay on another
/// machine picks up that machine's value.
public enum CanonicalLine {
    public static func render(_ command: ParsedCommand) -> String {
        // The rest of the line is the text, read back as typed: quoting it would change it.
        if command.spec.takesRawText {
            return ([command.spec.name] + command.positionals).joined(separator: " ")
        }
        let templates = command.positionalTemplates
        let positionals = command.positionals.enumerated().map { offset, value in
            offset < templates.count && templates[offset].hasVariables
                ? ShellQuoting.quote(templates[offset]) : ShellQuoting.quote(value)
        }
        var flags: [String] = []
        for flag in command.spec.flags {
            guard let value = command.flags[flag.name] else { continue }
            flags += flagWords(flag, value: value, templates: command.flagTemplates[flag.name])
        }
        // A positional that starts with "-" (even "--" itself) would read back as a flag or as
        // the end of flags, and a command whose flags end at its first argument (`exec`) would
        // read flags after it as the program's: then the flags come first and "--" ends them.
        if command.positionals.contains(where: { $0.hasPrefix("-") })
            || (command.spec.flagsEndAtFirstArgument && !flags.isEmpty)
        {
            return (command.spec.path + flags + ["--"] + positionals).joined(separator: " ")
        }
        return (command.spec.path + positionals + flags).joined(separator: " ")
    }

    private static func flagWords(_ flag: FlagSpec, value: FlagValue, templates: [WordTemplate]?) -> [String] {
        let option = "--" + flag.name
        if let templates, templates.contains(where: \.hasVariables) {
            return templates.flatMap { [option, ShellQuoting.quote($0)] }
        }
        switch value {
        case .bool(let on):
            return on ? [option] : []
        case .integer(let number):
            return [option, String(number)]
        case .string(let text):
            return [option, ShellQuoting.quote(text)]
        case .list(let items):
            if items.isEmpty { return [] }
            if items.count > 1, items.contains(where: { $0.contains(",") }) {
                return items.flatMap { [option, ShellQuoting.quote($0)] }
            }
            return [option, ShellQuoting.quote(items.joined(separator: ","))]
        }
    }
}

extension CanonicalLine {
    /// Whether any value looks like a token (npm format or a legacy UUID), e.g. `token revoke npm_…`.
    ///
    /// A script must never hold a token value, so the recorder rewrites such a command (a
    /// revoke by name) or leaves it out rather than writing the canonical line.
    public static func holdsSecret(_ command: ParsedCommand) -> Bool {
        var values = command.positionals
        for value in command.flags.values {
            switch value {
            case .string(let text): values.append(text)
            case .list(let items): values += items
            case .bool, .integer: break
            }
        }
        return values.contains { containsNpmToken($0) || isUUID($0) }
    }

    /// `npm_` followed by 36 letters and digits, anywhere in the text.
    static func containsNpmToken(_ text: String) -> Bool {
        let chars = Array(text)
        var index = 0
        while index + 40 <= chars.count {
            if chars[index] == "n", chars[index + 1] == "p", chars[index + 2] == "m", chars[index + 3] == "_",
                chars[(index + 4)..<(index + 40)].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// A UUID such as the legacy tokens npm issued before 2021.
    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
