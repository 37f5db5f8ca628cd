/// Checks one value against its `ValueKind` and turns it into a `FlagValue`.
enum ValueValidator {
    static func value(_ text: String, kind: ValueKind, label: String) throws(ShellError) -> FlagValue {
        switch kind {
        case .none:
            switch text.lowercased() {
            case "true", "yes", "1": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default:
                throw ShellError(
                    .usage, "\(label) is a switch and does not take `\(text)`",
                    hint: "write \(label) on its own, or \(label)=false")
            }
        case .integer(let range, let unit):
            guard let number = Int(text) else {
                throw ShellError(
                    .usage, "\(label) takes a whole number of \(unit), not `\(text)`",
                    hint: "e.g. \(example(label, min(max(range.lowerBound, 30), range.upperBound)))")
            }
            guard range.contains(number) else { throw outOfRange(number, range: range, unit: unit, label: label) }
            return .integer(number)
        case .choice(let allowed):
            guard allowed.contains(text) else {
                var hint = "use one of: \(allowed.joined(separator: ", "))"
                if let close = Suggestions.hint(for: text, among: allowed, prefix: "") { hint = "\(close) \(hint)" }
                throw ShellError(.usage, "\(label) does not accept `\(text)`", hint: hint)
            }
            return .string(text)
        case .saveTarget:
            _ = try TokenSaveTarget(parsing: text, label: label)
            return .string(text)
        case .registryURL:
            let lowered = text.lowercased()
            let rest = lowered.drop { $0 != ":" }
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), rest.count > "://".count else {
                throw ShellError(
                    .usage, "\(label) must be an http:// or https:// URL, not `\(text)`",
                    hint: "e.g. https://registry.npmjs.org/")
            }
            return .string(text)
        case .assignment:
            guard let equals = text.firstIndex(of: "="), Lexer.isVariableName(String(text[..<equals])) else {
                throw ShellError(
                    .usage, "\(label) must look like NAME=VALUE, not `\(text)`",
                    hint: "names are letters, digits and _, e.g. `set SCOPE=@acme`")
            }
            return .string(text)
        case .list:
            return .list([text])
        case .string, .path, .tokenReference, .tokenName, .commandName, .tipTopic, .configKey:
            guard !text.isEmpty else {
                throw ShellError(.usage, "\(label) is empty", hint: "give a value, e.g. \(label) VALUE")
            }
            return .string(text)
        }
    }

    static func outOfRange(_ number: Int, range: ClosedRange<Int>, unit: String, label: String) -> ShellError {
        ShellError(
            .usage, "\(label) must be from \(range.lowerBound) to \(range.upperBound) \(unit), not \(number)",
            hint: "e.g. \(example(label, min(max(range.lowerBound, 30), range.upperBound)))")
    }

    /// `--expires 30` for a flag, plain `30` for a positional.
    private static func example(_ label: String, _ number: Int) -> String {
        label.hasPrefix("--") ? "\(label) \(number)" : "\(number)"
    }

    /// npm's rule for `--cidr` and friends: one occurrence is split on `,` and following spaces.
    static func splitList(_ occurrences: [String]) -> [String] {
        guard occurrences.count == 1, let only = occurrences.first else { return occurrences.filter { !$0.isEmpty } }
        return only.split(separator: ",", omittingEmptySubsequences: true)
            .map { String($0.drop { $0 == " " || $0 == "\t" }) }
            .filter { !$0.isEmpty }
    }
}
