/// What a flag or positional takes, which drives parsing, validation, completion and help.
public enum ValueKind: Sendable, Equatable {
    /// A switch: present or not (`--flag`, also `--flag=true|false`).
    case none
    /// Free text.
    case string
    /// A whole number within `range`; `unit` names it in errors and help (e.g. "days").
    case integer(ClosedRange<Int>, unit: String)
    /// One of a closed set of values.
    case choice([String])
    /// A list, repeatable; a single occurrence is split on commas as npm does for `--cidr`.
    case list
    /// A file or folder path.
    case path
    /// A token id, id prefix or full token, completed from the last token list.
    case tokenReference
    /// The name of an existing token, completed from the last token list.
    case tokenName
    /// An `http://` or `https://` registry URL.
    case registryURL
    /// Where a new token goes: `none`, `user`, `project`, `keyring[:NAME]` or `file:PATH`.
    case saveTarget
    /// A command name (for `help`), possibly several words such as `token create`.
    case commandName
    /// A `tips` topic.
    case tipTopic
    /// A config key (for `config get`).
    case configKey
    /// `NAME=VALUE` (for `set`).
    case assignment

    /// Whether the flag takes a value word.
    public var takesValue: Bool { self != .none }

    /// The fixed choices where the set is closed, for completion and error messages.
    public var choices: [String]? {
        switch self {
        case .choice(let values): values
        case .saveTarget: ["none", "user", "project", "keyring", "keyring:", "file:"]
        default: nil
        }
    }
}
