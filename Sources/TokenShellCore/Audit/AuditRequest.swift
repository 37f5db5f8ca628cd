/// What `audit` asks the file layer to collect.
public struct AuditRequest: Sendable, Equatable {
    /// The folder to audit (absolute).
    public var root: String
    public var includeGitHistory: Bool
    public var userConfigPath: String
    public var globalConfigPath: String?
    public var home: String
    /// For `HISTFILE`, `ZDOTDIR` and `XDG_DATA_HOME` (where shells keep their history).
    public var environment: [String: String]

    public init(
        root: String, includeGitHistory: Bool, userConfigPath: String, globalConfigPath: String?, home: String,
        environment: [String: String]
    ) {
        self.root = root
        self.includeGitHistory = includeGitHistory
        self.userConfigPath = userConfigPath
        self.globalConfigPath = globalConfigPath
        self.home = home
        self.environment = environment
    }
}

/// What the file layer collected, and what it could not look at (said, not hidden).
public struct AuditCollection: Sendable, Equatable {
    public var sources: [AuditSource]
    /// One line each, e.g. "not a git repository: only .npmrc, .yarnrc.yml and .env* files were searched".
    public var notes: [String]
    /// How many files were read (for the summary and the benchmark).
    public var filesRead: Int

    public init(sources: [AuditSource], notes: [String] = [], filesRead: Int = 0) {
        self.sources = sources
        self.notes = notes
        self.filesRead = filesRead
    }
}

/// The files `audit` reads and fixes beyond npm's config: provided by the executable.
public protocol AuditFileAccess: Sendable {
    /// Permission bits (after following links), `nil` when the file does not exist.
    func permissions(atPath path: String) -> UInt32?
    /// Reads what `request` describes: git-tracked files, config and `.env*` files, shell
    /// histories and, when asked, the lines commits added.
    func collect(_ request: AuditRequest) throws(ShellError) -> AuditCollection
    /// `chmod 600`.
    func restrictToOwner(_ path: String) throws(ShellError)
    /// Copies `path` to a private (0600) backup outside the project and returns the copy's path.
    func backUp(_ path: String) throws(ShellError) -> String
}
