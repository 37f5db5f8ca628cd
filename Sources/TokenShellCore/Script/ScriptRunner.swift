/// Runs a script's lines through the shell's interpreter, one at a time, as they are read.
///
/// The same runner serves `tokensh FILE`, the shebang, piped stdin, `-c` and `replay FILE`, so
/// all of them stop at the first failing command with `FILE:LINE: message` and that command's
/// exit status, honour `--keep-going`, `--echo` and `--dry-run`, and read the header the same way.
public struct ScriptRunner {
    let shell: Shell
    let options: ScriptRunOptions
    let beforeEachLine: () -> Void
    var check: ScriptLineCheck
    private var firstFailure: ExitStatus?
    private var failedLocations: [String] = []
    private var sawCommand = false
    private var stopped = false
    /// Comment lines waiting for the command they are about.
    var notes = ScriptNotes()
    /// `--step`: commands shown so far, the resume point in use and whether the person stopped.
    var stepState = StepState()

    /// `source` names the script in messages (a path, `stdin`); `beforeEachLine` lets the
    /// executable reset its Ctrl-C flag.
    public init(
        shell: Shell, source: String, options: ScriptRunOptions, beforeEachLine: @escaping () -> Void = {}
    ) {
        self.shell = shell
        self.options = options
        self.beforeEachLine = beforeEachLine
        self.check = ScriptLineCheck(source: source)
        if let registry = options.registry {
            shell.session.registryOverride = registry
        }
    }

    /// The header read so far.
    public var header: ScriptHeader { check.header }

    /// Runs (or, dry, shows) one line. Returns false when the script must stop here.
    public mutating func feed(_ text: String, number: Int, location: String? = nil) -> Bool {
        guard !stopped else { return false }
        let location = location ?? "\(check.source):\(number)"
        beforeEachLine()
        do throws(ShellError) {
            try check.check(text, number: number)
        } catch {
            shell.report(error)
            return stop(error.status)
        }
        guard Self.isCommand(text) else {
            notes.read(text)
            return true
        }
        if !sawCommand {
            sawCommand = true
            useRecordedRegistry()
            do throws(ShellError) {
                try provideNeeds()
                if options.step != nil, !options.dryRun { try offerResume() }
            } catch {
                shell.report(error)
                return stop(error.status)
            }
        }
        if options.dryRun {
            showDryRun(text, location: location)
            return true
        }
        if options.step != nil {
            switch step(text, number: number, location: location) {
            case .run: break
            case .skipped: return true
            case .stop(let status): return stop(status)
            }
        }
        if options.echo { shell.io.diagnostic("+ \(text)\n") }
        let status = shell.execute(text, location: location)
        if options.step != nil { stepRan(number, status: status) }
        if status == .interrupted { return stop(status) }
        if status != .success {
            if firstFailure == nil { firstFailure = status }
            failedLocations.append(location)
            if !options.keepGoing { return stop(status) }
        }
        if shell.session.shouldExit {
            stopped = true
            return false
        }
        return true
    }

    /// The run's exit status: the first failure's, or success. With `--keep-going` a summary of
    /// what failed goes to stderr first.
    public func finish() -> ExitStatus {
        if options.step != nil { finishSteps(failed: firstFailure.map { $0 != .success } ?? false) }
        if options.keepGoing || options.dryRun, !failedLocations.isEmpty, firstFailure != .interrupted {
            let count = failedLocations.count
            let what = options.dryRun ? (count == 1 ? "line is" : "lines are") : (count == 1 ? "command" : "commands")
            let verb = options.dryRun ? "not valid" : "failed"
            shell.io.diagnostic("\(count) \(what) \(verb): \(failedLocations.joined(separator: ", "))\n")
        }
        return firstFailure ?? .success
    }

    private mutating func stop(_ status: ExitStatus) -> Bool {
        if firstFailure == nil || status == .interrupted { firstFailure = status }
        stopped = true
        return false
    }

    static func isCommand(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }

    /// The header's registry is where the script was recorded; it applies unless the command
    /// line or `--registry` chose another.
    ///
    /// A header never holds a password (`user:***@`): when the registry in use is the recorded
    /// one with its credentials, it stays; otherwise the recorded URL is used without userinfo.
    private mutating func useRecordedRegistry() {
        guard options.registry == nil, options.useRecordedRegistry, let recorded = check.header.registry,
            var url = RegistryURL(recorded), url.scheme == "http" || url.scheme == "https"
        else { return }
        let current = try? shell.currentRegistry()
        if url.hasRedactedUserinfo {
            if let current, RegistryURL(current)?.withoutUserinfo == url.withoutUserinfo { return }
            url.userinfo = nil
        }
        shell.session.registryOverride = url.normalized
        if current != url.normalized {
            shell.io.diagnostic(
                "note: using \(url.redacted), the registry this script was recorded against "
                    + "(--registry URL picks another)\n")
        }
    }

    /// Parses the line and prints its canonical form and npm equivalent; only `set` takes
    /// effect (in memory), so later lines expand as they would.
    private mutating func showDryRun(_ text: String, location: String) {
        let notes = notes.take()
        let command: ParsedCommand
        do throws(ShellError) {
            guard let parsed = try shell.parser.parse(text, variables: { shell.session.variables.lookup($0) }) else {
                return
            }
            command = parsed
            if command.spec.path == ["set"], let assignment = command.positionals.first {
                try shell.session.variables.assign(assignment)
            }
        } catch {
            shell.report(error, location: location)
            if firstFailure == nil { firstFailure = error.status }
            failedLocations.append(location)
            return
        }
        shell.io.output(shell.secretMask.apply(ScriptDryRun.describe(command, location: location, notes: notes)))
    }
}
