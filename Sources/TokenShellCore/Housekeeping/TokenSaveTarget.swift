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

    public init(parsing text: String) throws(ShellError) {
        switch text {
        case "none": self = .none
        case "user": self = .user
        case "project": self = .project
        default:
            guard text.hasPrefix("file:"), text.count > 5 else {
                throw ShellError(
                    .usage, "--save does not accept `\(text)`", hint: "use none, user, project or file:PATH")
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
