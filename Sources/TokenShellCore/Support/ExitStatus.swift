/// The exit codes of `-c`, scripts and piped input.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A command failed: a registry or file error.
    case failure = 1
    /// Unknown command or flag, bad value, a missing answer or secret.
    case usage = 2
    /// Authentication refused: 401, wrong password or OTP.
    case authentication = 3
    /// Registry unreachable or timed out.
    case unreachable = 4
    case interrupted = 130
}

/// An error meant for the user: what happened, and what to do next.
public struct ShellError: Error, Sendable, Equatable {
    public var status: ExitStatus
    /// Lower-case, one line: what happened (the registry's own message where there is one).
    public var message: String
    /// What to do next.
    public var hint: String?
    /// A stable machine-readable code for `--json` errors, e.g. `E401`, `EUSAGE`.
    public var code: String

    public init(_ status: ExitStatus, _ message: String, hint: String? = nil, code: String? = nil) {
        self.status = status
        self.message = message
        self.hint = hint
        self.code = code ?? ShellError.defaultCode(for: status)
    }

    static func defaultCode(for status: ExitStatus) -> String {
        switch status {
        case .success: "OK"
        case .failure: "EFAIL"
        case .usage: "EUSAGE"
        case .authentication: "E401"
        case .unreachable: "EUNREACHABLE"
        case .interrupted: "EINTR"
        }
    }
}
