/// One flag of a command: how it is spelled, what it takes and what it means.
public struct FlagSpec: Sendable, Equatable {
    /// The long name without dashes, e.g. `packages-and-scopes-permission`.
    public var name: String
    /// An optional one-letter short form without the dash, e.g. `y` for `--yes`.
    public var short: Character?
    public var kind: ValueKind
    /// The placeholder shown in usage, e.g. `DAYS`.
    public var valueName: String
    /// One line for the flag table in help.
    public var summary: String
    /// Whether the flag may be given more than once (always true for lists).
    public var repeatable: Bool
    /// The npm flag with the same meaning, when npm has one (usually the same name).
    public var npmName: String?

    /// A flag; `kind` defaults to a switch, so a flag that takes a value must say which kind.
    public init(
        _ name: String, short: Character? = nil, kind: ValueKind = .none, valueName: String? = nil,
        summary: String, repeatable: Bool = false, npmName: String? = nil
    ) {
        self.name = name
        self.short = short
        self.kind = kind
        self.valueName = valueName ?? FlagSpec.defaultValueName(for: kind)
        self.summary = summary
        self.repeatable = repeatable || kind == .list
        self.npmName = npmName
    }

    /// `--name VALUE`, as shown in usage lines.
    public var usage: String {
        kind.takesValue ? "--\(name) \(valueName)" : "--\(name)"
    }

    static func defaultValueName(for kind: ValueKind) -> String {
        switch kind {
        case .none: ""
        case .string, .tipTopic, .configKey: "TEXT"
        case .integer(_, let unit): unit.uppercased()
        case .choice(let values): values.joined(separator: "|")
        case .list: "LIST"
        case .path: "PATH"
        case .tokenReference: "ID"
        case .tokenName: "NAME"
        case .registryURL: "URL"
        case .saveTarget: "none|file:PATH|user|project|keyring[:NAME]"
        case .commandName: "COMMAND"
        case .assignment: "NAME=VALUE"
        }
    }
}

/// One positional argument of a command.
public struct PositionalSpec: Sendable, Equatable {
    /// The placeholder shown in usage, e.g. `ID`.
    public var name: String
    public var kind: ValueKind
    public var optional: Bool
    /// Whether it takes all remaining words (`ID...`).
    public var repeating: Bool
    public var summary: String

    public init(
        _ name: String, kind: ValueKind = .string, optional: Bool = false, repeating: Bool = false, summary: String
    ) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.repeating = repeating
        self.summary = summary
    }

    /// `ID`, `[ID]`, `ID...` or `[ID...]`, as shown in usage lines.
    public var usage: String {
        let base = repeating ? "\(name)..." : name
        return optional ? "[\(base)]" : base
    }
}
