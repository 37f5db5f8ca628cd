/// The npm command that does what a parsed command does, so every line is also a lesson.
public struct NpmEquivalent: Sendable, Equatable {
    /// The npm line, e.g. `npm token create --name ci --packages-and-scopes-permission read-only`.
    public var command: String
    /// What to know before running it, e.g. the npm version it needs.
    public var note: String?

    public init(command: String, note: String? = nil) {
        self.command = command
        self.note = note
    }

    /// Which token API the registry at hand speaks; decides the `token create` equivalent.
    public enum RegistryKind: Sendable, Equatable {
        /// npmjs and registries with granular access tokens (npm 11.7 flags).
        case granular
        /// Registries with classic tokens: read-only flag and CIDR list (what npm 10 sends).
        case classic
    }

    /// The npm equivalent of `command`, or nil when npm has none.
    public static func of(_ command: ParsedCommand, registryKind: RegistryKind) -> NpmEquivalent? {
        switch command.spec.path {
        case ["help"]: return NpmEquivalent(command: "npm help")
        case ["registry"]:
            guard let url = command.positionals.first else { return NpmEquivalent(command: "npm config get registry") }
            return NpmEquivalent(
                command: "npm config set registry \(ShellQuoting.quote(url))",
                note:
                    "this changes npm's user config; tokensh switches only this shell (npm: --registry on each command)"
            )
        case ["ping"], ["whoami"], ["logout"], ["token", "list"], ["config", "list"]:
            return mapped(command, note: command.spec.path == ["token", "list"] ? listNote(command) : nil)
        case ["login"]:
            let note = command.has("username") ? "npm asks for the username itself" : nil
            return mapped(command, note: note)
        case ["config", "get"], ["config", "path"]:
            let key = command.positionals.first.map(ShellQuoting.quote) ?? "userconfig"
            return NpmEquivalent(command: "npm config get \(key)")
        case ["token", "revoke"]:
            return revoke(command)
        case ["token", "create"]:
            return registryKind == .granular ? granularCreate(command) : classicCreate(command)
        default:
            return nil
        }
    }

    /// The spec's npm command followed by every given flag npm also has, under npm's name.
    private static func mapped(_ command: ParsedCommand, note: String?) -> NpmEquivalent? {
        guard let base = command.spec.npmCommand else { return nil }
        var words = [base]
        for flag in command.spec.flags {
            guard let npmName = flag.npmName, let value = command.flags[flag.name] else { continue }
            words += npmWords(npmName, value)
        }
        return NpmEquivalent(command: words.joined(separator: " "), note: note)
    }

    private static func npmWords(_ npmName: String, _ value: FlagValue) -> [String] {
        switch value {
        case .bool(let on): on ? ["--\(npmName)"] : []
        case .integer(let number): ["--\(npmName)", String(number)]
        case .string(let text): ["--\(npmName)", ShellQuoting.quote(text)]
        case .list(let items): items.isEmpty ? [] : ["--\(npmName)", ShellQuoting.quote(items.joined(separator: ","))]
        }
    }

    private static func listNote(_ command: ParsedCommand) -> String? {
        let extras = ["sort", "filter", "expiring"].filter { command.has($0) }
        guard !extras.isEmpty else { return nil }
        return "npm token list has no " + extras.map { "--" + $0 }.joined(separator: ", ") + "; it lists every token"
    }

    private static func revoke(_ command: ParsedCommand) -> NpmEquivalent {
        if let name = command.string("name") {
            return NpmEquivalent(
                command: "npm token revoke ID",
                note: "npm cannot revoke by name: find the id of \(ShellQuoting.quote(name)) with npm token list")
        }
        let ids = command.positionals.map { $0.hasPrefix("npm_") ? "TOKEN" : ShellQuoting.quote($0) }
        return NpmEquivalent(command: (["npm token revoke"] + ids).joined(separator: " "))
    }

    private static let granularFlags = [
        "name", "token-description", "packages-and-scopes-permission", "packages-all", "packages", "scopes",
        "orgs-permission", "orgs", "expires", "cidr", "bypass-2fa",
    ]

    private static func granularCreate(_ command: ParsedCommand) -> NpmEquivalent {
        var words = ["npm token create"]
        for name in granularFlags {
            if name == "packages-and-scopes-permission", !command.has(name), command.has("read-only") {
                words += ["--\(name)", "read-only"]
                continue
            }
            guard let value = command.flags[name] else { continue }
            words += npmWords(name, value)
        }
        return NpmEquivalent(
            command: words.joined(separator: " "),
            note: "the granular flags need npm 11.7 or later; npm 10 sends only the classic body")
    }

    private static func classicCreate(_ command: ParsedCommand) -> NpmEquivalent {
        var words = ["npm token create"]
        let permission = command.string("packages-and-scopes-permission")
        if command.has("read-only") || permission == "read-only" { words.append("--read-only") }
        words += npmWords("cidr", .list(command.list("cidr")))
        return NpmEquivalent(
            command: words.joined(separator: " "),
            note: "this registry has classic tokens: npm sends the read-only flag and CIDR list, nothing else")
    }
}
