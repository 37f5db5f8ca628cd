/// What a dry run prints for one command: the line as it would run and the npm command that
/// does the same, so a script can be checked (and learned from) without touching anything.
public enum ScriptDryRun {
    public static func describe(_ command: ParsedCommand, location: String, notes: [String] = []) -> String {
        var text = "\(location): \(CanonicalLine.render(command))\n"
        for note in notes { text += "    # \(note)\n" }
        guard let npm = NpmEquivalent.of(command, registryKind: registryKind(for: command))
        else {
            return text + "    npm: (no npm equivalent)\n"
        }
        text += "    npm: \(npm.command)\n"
        if let note = npm.note { text += "    note: \(note)\n" }
        return text
    }

    /// Which token API to show without asking the registry: the command's own `--classic` /
    /// `--granular`, a classic-only flag, else granular (npmjs, and what tokensh records).
    static func registryKind(for command: ParsedCommand) -> NpmEquivalent.RegistryKind {
        if command.has("granular") { return .granular }
        if command.has("classic") { return .classic }
        if command.has("read-only"), !command.has("packages-and-scopes-permission") { return .classic }
        return .granular
    }
}
