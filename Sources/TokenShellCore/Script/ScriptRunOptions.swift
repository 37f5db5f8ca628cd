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
