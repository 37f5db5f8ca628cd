/// Where config locks live and how long to wait for one (see ``ConfigLock``).
public struct ConfigLockSettings: Sendable {
    /// The private folder of lock files: `$XDG_STATE_HOME/tokensh/locks`.
    public var folder: String
    /// How long to wait for another tokensh before giving up, in seconds.
    public var timeout: Double
    /// How often to try again while waiting, in seconds.
    public var pollInterval: Double
    /// Polled while waiting; true stops the wait at once (Ctrl-C).
    public var isCancelled: @Sendable () -> Bool
    /// Told once, with a line naming the lock file, when the lock is busy.
    public var onWait: @Sendable (String) -> Void

    /// Ten seconds: an edit takes milliseconds, so a lock held that long is stuck or held on
    /// purpose, and a command that hangs without a word is worse than one that fails.
    public static let defaultTimeout = 10.0

    public init(
        folder: String, timeout: Double = defaultTimeout, pollInterval: Double = 0.05,
        isCancelled: @escaping @Sendable () -> Bool = { false }, onWait: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.folder = folder
        self.timeout = timeout
        self.pollInterval = pollInterval
        self.isCancelled = isCancelled
        self.onWait = onWait
    }

    /// The lock folder of the user `paths` belong to.
    public init(
        paths: TokenShellPaths, isCancelled: @escaping @Sendable () -> Bool = { false },
        onWait: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.init(folder: paths.stateDirectory + "/locks", isCancelled: isCancelled, onWait: onWait)
    }

    /// The current process's user, without cancellation or messages.
    public static var current: ConfigLockSettings {
        let process = ProcessEnvironment.current()
        return ConfigLockSettings(paths: TokenShellPaths(environment: process.variables, home: process.home))
    }
}
