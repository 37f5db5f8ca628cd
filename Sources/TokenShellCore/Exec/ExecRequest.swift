/// What `exec` asks the system to run: one program, in the foreground, with its user config
/// handed over without a file.
public struct ExecRequest: Sendable {
    /// The program as typed: a name looked up in the child's PATH, or a path.
    public var command: String
    public var arguments: [String]
    /// The child's whole environment, credential included (see `ExecEnvironment`); `userConfigPath`
    /// in it is replaced by where the runner put `userConfig`.
    public var environment: [String: String]
    /// The bytes the child reads as its npm user config (no secret in them).
    public var userConfig: [UInt8]

    public init(command: String, arguments: [String], environment: [String: String], userConfig: [UInt8]) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.userConfig = userConfig
    }

    /// Where the child finds `userConfig`: descriptor 3, opened anew by each reader through
    /// `/dev/fd` (npm reads the file by name, and a nested npm or a lifecycle script reads it again).
    public static let userConfigPath = "/dev/fd/3"
}

/// How an `exec` child ended.
public enum ExecTermination: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)

    /// The status a POSIX shell gives it: the exit status, or 128 plus the signal's number.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let status): status
        case .signaled(let signal): 128 + signal
        }
    }
}
