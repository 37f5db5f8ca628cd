/// Where `--save` puts a new token (design §4, step 11).
public enum TokenSaveTarget: Sendable, Equatable {
    /// Shown once; the person copies it into a secret store.
    case none
    /// A file of its own, mode 0600, never over an existing file without `--force`.
    case file(String)
    /// This registry's credential in the user config (replaces the current login).
    case user
    /// The `${NPM_TOKEN}` line in the project `.npmrc`; the token itself is shown.
    case project
    /// The keyring (Secret Service or vault) under a name: the given one, else the token's name.
    case keyring(String?)

    public init(parsing text: String, label: String = "--save") throws(ShellError) {
        switch text {
        case "none": self = .none
        case "user": self = .user
        case "project": self = .project
        case "keyring": self = .keyring(nil)
        default:
            if text.hasPrefix("keyring:") {
                let name = String(text.dropFirst("keyring:".count))
                try KeyringItem.checkName(name, what: "keyring token")
                self = .keyring(name)
                return
            }
            guard text.hasPrefix("file:"), text.count > 5 else {
                throw ShellError(
                    .usage, "\(label) does not accept `\(TerminalText.line(text))`",
                    hint: "use none, user, project, keyring[:NAME] or file:PATH (e.g. file:ci-token)")
            }
            self = .file(String(text.dropFirst(5)))
        }
    }

    public var flagValue: String {
        switch self {
        case .none: "none"
        case .file(let path): "file:" + path
        case .user: "user"
        case .project: "project"
        case .keyring(let name): name.map { "keyring:" + $0 } ?? "keyring"
        }
    }

    /// `path` made absolute against `cwd`, with `~/` expanded against `home`.
    public static func absolute(_ path: String, cwd: String, home: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + String(path.dropFirst(1)) }
        return (cwd.hasSuffix("/") ? cwd : cwd + "/") + path
    }
}
