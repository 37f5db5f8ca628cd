/// The fully specified line for a parsed command, as recorded in scripts and shown in dry runs.
///
/// Positionals come first, then flags in the spec's order; values are quoted only when they
/// need it, and a value typed with `${NAME}` keeps the reference so a replay on another
/// machine picks up that machine's value.
public enum CanonicalLine {
    public static func render(_ command: ParsedCommand) -> String {
        var words = command.spec.path
        let templates = command.positionalTemplates
        for (offset, value) in command.positionals.enumerated() {
            if offset < templates.count, templates[offset].hasVariables {
                words.append(ShellQuoting.quote(templates[offset]))
            } else {
                words.append(ShellQuoting.quote(value))
            }
        }
        for flag in command.spec.flags {
            guard let value = command.flags[flag.name] else { continue }
            words += flagWords(flag, value: value, templates: command.flagTemplates[flag.name])
        }
        return words.joined(separator: " ")
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
