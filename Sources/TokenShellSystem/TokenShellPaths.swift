/// Where tokensh keeps its own files, by the XDG base directory rules.
///
/// A relative `XDG_*` value is ignored, as the spec requires, so a stray setting cannot put
/// the history into the working folder.
public struct TokenShellPaths: Sendable, Equatable {
    /// `$XDG_STATE_HOME/tokensh` (default `~/.local/state/tokensh`).
    public var stateDirectory: String
    /// `$XDG_CONFIG_HOME/tokensh` (default `~/.config/tokensh`): where the guide proposes
    /// saving a token file.
    public var configDirectory: String
    /// The history file; `nil` when turned off with `TOKENSH_HISTFILE=/dev/null`.
    public var historyFile: String?

    public init(environment: [String: String], home: String) {
        func base(_ name: String, _ fallback: String) -> String {
            if let value = environment[name], value.hasPrefix("/") {
                return value
            }
            return (home.hasSuffix("/") ? home : home + "/") + fallback
        }
        stateDirectory = base("XDG_STATE_HOME", ".local/state") + "/tokensh"
        configDirectory = base("XDG_CONFIG_HOME", ".config") + "/tokensh"
        switch environment["TOKENSH_HISTFILE"] {
        case "/dev/null":
            historyFile = nil
        case let custom? where !custom.isEmpty:
            historyFile = custom
        default:
            historyFile = stateDirectory + "/history"
        }
    }
}
