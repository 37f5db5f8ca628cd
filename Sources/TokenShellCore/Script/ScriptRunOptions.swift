/// How a script runs: `--keep-going`, `--echo`, `--dry-run` and the registry to use.
public struct ScriptRunOptions: Sendable, Equatable {
    /// Run on after a failing command; the run still exits non-zero.
    public var keepGoing = false
    /// Print each command (on stderr) before it runs.
    public var echo = false
    /// Parse every line and show what would run, with its npm equivalent, touching neither the
    /// network nor any file.
    public var dryRun = false
    /// `--registry` given for this replay: it wins over the registry the header names.
    public var registry: String?
    /// Whether the header's registry applies (false when the command line already chose one).
    public var useRecordedRegistry = true
    /// `--step`: show each command and ask before running it.
    public var step: ScriptStepping?

    public init(
        keepGoing: Bool = false, echo: Bool = false, dryRun: Bool = false, registry: String? = nil,
        useRecordedRegistry: Bool = true
    ) {
        self.keepGoing = keepGoing
        self.echo = echo
        self.dryRun = dryRun
        self.registry = registry
        self.useRecordedRegistry = useRecordedRegistry
    }
}

/// What a `--step` replay knows about its script: how many commands it holds, and what
/// identifies it for a resume point.
public struct ScriptStepping: Sendable, Equatable {
    public var totalCommands: Int?
    /// The script's bytes as read; nil for input that cannot be resumed (stdin).
    public var bytes: [UInt8]?
    public var path: String

    public init(path: String, bytes: [UInt8]?, totalCommands: Int?) {
        self.path = path
        self.bytes = bytes
        self.totalCommands = totalCommands
    }

    /// A step replay of these lines, read from `path`.
    public static func file(_ path: String, bytes: [UInt8], lines: [String]) -> ScriptStepping {
        ScriptStepping(path: path, bytes: bytes, totalCommands: lines.filter(ScriptRunner.isCommand).count)
    }
}
