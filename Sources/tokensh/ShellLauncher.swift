import TokenShellCore
import TokenShellSystem
import TokenShellTerminal

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Picks the mode of design §2 and wires the adapters to the interpreter.
struct ShellLauncher {
    var options: LaunchArguments

    func run() -> ExitStatus {
        Interrupts.install()
        // Ctrl-\ quits as in any terminal program. The Swift runtime's crash reporter also claims
        // SIGQUIT and, on a terminal, waits for a key before exiting: not what a person expects.
        signal(SIGQUIT, SIG_DFL)
        var values = ShellOptionsValues()
        values.registry = options.registry
        values.userconfig = options.userconfig
        values.json = options.json
        values.assumeYes = options.yes
        values.dryRun = options.dryRun
        values.timeout = options.timeout
        values.allowInsecureRegistry = options.allowInsecureRegistry
        values.color = !options.noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        values.version = TokenShellVersion.current

        var practice: PracticeSandbox?
        if options.sandbox {
            do {
                let started = try PracticeSandbox.start(userconfig: options.userconfig)
                values.registry = started.registry
                values.userconfig = started.userconfig
                practice = started
            } catch {
                TerminalShellIO.write("error: could not start the practice registry: \(error)\n", to: STDERR_FILENO)
                return .failure
            }
        }
        defer { practice?.stop() }

        let process = ProcessEnvironment.current()
        let services = LocalShellServices(process: process, timeout: options.timeout)
        let stdinIsPiped = isatty(STDIN_FILENO) == 0

        if options.step, let file = options.file {
            return runStepByStep(file, services: services, values: values)
        }
        if !options.commands.isEmpty || options.file != nil || stdinIsPiped || !Terminal.isInteractive {
            let piped = stdinIsPiped || (options.commands.isEmpty && options.file == nil)
            let shell = Shell(
                io: TerminalShellIO(editor: nil, stdinIsPiped: piped), services: services, options: values)
            guard startRecording(shell) else { return .failure }
            defer { finishRecording(shell) }
            if !options.commands.isEmpty {
                var runner = makeRunner(shell, source: "-c")
                for (offset, command) in options.commands.enumerated() {
                    guard runner.feed(command, number: offset + 1, location: "-c \(offset + 1)") else { break }
                }
                return runner.finish()
            }
            if let file = options.file { return runScript(at: file, shell: shell) }
            return runPiped(shell: shell)
        }
        return runInteractive(services: services, values: values, process: process, practice: practice)
    }

    private func runInteractive(
        services: LocalShellServices, values: ShellOptionsValues, process: ProcessEnvironment,
        practice: PracticeSandbox?
    ) -> ExitStatus {
        let paths = TokenShellPaths(environment: process.variables, home: process.home)
        let historyFile = options.noHistory ? nil : paths.historyFile
        guard let editor = LineEditor(historyFile: historyFile) else {
            TerminalShellIO.write("error: could not start the line editor\n", to: STDERR_FILENO)
            return .failure
        }
        let io = TerminalShellIO(editor: editor, stdinIsPiped: false)
        let shell = Shell(io: io, services: services, options: values)
        editor.completionProvider = ShellCompletionContext.provider(for: shell)
        guard startRecording(shell) else { return .failure }
        defer { finishRecording(shell) }
        io.diagnostic(practice?.banner ?? "tokensh \(values.version): type `help` to get started. Ctrl-D exits.\n")
        // Secrets the environment holds are known from the start; any other is learnt by a command.
        var knownSecrets = shell.session.historyPolicy.secrets.count
        if knownSecrets > 0 { editor.forgetHistory { !shell.allowsInHistory($0) } }
        while true {
            // A pending Ctrl-C is not reset here: one typed after the last command finished
            // cancels the next read (a fresh prompt), as the person meant.
            switch editor.readLine(prompt: shell.prompt) {
            case .line(let line):
                io.echoedTyped(prompt: shell.prompt, line: line)
                // The Ctrl-C a command stopped for is used up.
                if shell.execute(line) == .interrupted { _ = Interrupts.flag.consume() }
                if shell.allowsInHistory(line) { editor.add(toHistory: line) }
                // A secret learnt just now (a password typed at a prompt) may sit in earlier lines:
                // one pasted at the shell prompt by mistake, say. Those lines go.
                if shell.session.historyPolicy.secrets.count > knownSecrets {
                    knownSecrets = shell.session.historyPolicy.secrets.count
                    editor.forgetHistory { !shell.allowsInHistory($0) }
                }
                if shell.session.shouldExit { return .success }
            case .interrupted:
                continue
            case .endOfFile:
                io.output("\n")
                return .success
            }
        }
    }

    /// `--record FILE` and `--record-cast CAST`: start before the first command; false
    /// (reported) on failure.
    private func startRecording(_ shell: Shell) -> Bool {
        let paths = [options.record, options.recordCast].compactMap { $0 }
        guard !paths.isEmpty else { return true }
        if options.dryRun {
            shell.io.diagnostic(
                "note: --dry-run writes no files, so \(paths.joined(separator: " and ")) \(paths.count == 1 ? "is" : "are") not recorded\n"
            )
            return true
        }
        do throws(ShellError) {
            if let cast = options.recordCast, let path = options.record, RecordHandlers.samePath(cast, path) {
                throw ShellError(
                    .usage, "--record and --record-cast cannot both be \(path)",
                    hint: "name the terminal recording differently, e.g. \(RecordHandlers.castName(for: path))")
            }
            // The terminal recording first (its file is created exclusively); taken back when the
            // script cannot be started, so a failed start leaves neither file behind.
            if let cast = options.recordCast { try shell.startCast(to: cast, replacing: false) }
            if let path = options.record { _ = try shell.startRecording(to: path, replacing: false) }
            return true
        } catch {
            _ = shell.io.stopCast(keep: false)
            shell.report(error)
            return false
        }
    }

    private func finishRecording(_ shell: Shell) {
        if let recorder = shell.stopRecording() {
            shell.io.diagnostic(
                "Recorded \(recorder.commandCount == 1 ? "1 command" : "\(recorder.commandCount) commands") to "
                    + "\(recorder.path).\n")
        }
        // Said before the file is closed would put the line in the recording; said after, it is not.
        if let cast = shell.io.stopCast(keep: true) { shell.io.diagnostic(RecordHandlers.castSummary(cast)) }
    }

    /// `tokensh --step FILE`: the script one command at a time, at a terminal, with the
    /// interactive shell's prompts (a wizard's questions, a password) asked as usual.
    private func runStepByStep(_ file: String, services: LocalShellServices, values: ShellOptionsValues) -> ExitStatus {
        guard Terminal.isInteractive, let editor = LineEditor(historyFile: nil) else {
            TerminalShellIO.write(
                "error: --step asks before each command, and there is no terminal to answer\n"
                    + "hint: run it at a terminal, or without --step to replay it unattended\n", to: STDERR_FILENO)
            return .usage
        }
        let shell = Shell(io: TerminalShellIO(editor: editor, stdinIsPiped: false), services: services, options: values)
        guard startRecording(shell) else { return .failure }
        defer { finishRecording(shell) }
        return runScript(at: file, shell: shell, step: true)
    }

    private func makeRunner(_ shell: Shell, source: String, step: ScriptStepping? = nil) -> ScriptRunner {
        var runOptions = ScriptRunOptions(
            keepGoing: options.keepGoing, echo: options.echo, dryRun: options.dryRun,
            useRecordedRegistry: options.registry == nil && !options.sandbox)
        runOptions.step = step
        return ScriptRunner(shell: shell, source: source, options: runOptions) { Interrupts.flag.reset() }
    }

    /// `tokensh FILE` and the `#!/usr/bin/env tokensh` line: the file is checked as a whole
    /// (binary data is refused before anything runs), then run line by line.
    private func runScript(at path: String, shell: Shell, step: Bool = false) -> ExitStatus {
        let lines: [String]
        let bytes: [UInt8]
        do throws(ShellError) {
            bytes = try shell.services.readScriptFile(path)
            lines = try ScriptSource.lines(of: bytes, source: path)
        } catch {
            shell.report(error)
            return error.status
        }
        var runner = makeRunner(
            shell, source: path, step: step && !options.dryRun ? .file(path, bytes: bytes, lines: lines) : nil)
        for (offset, line) in lines.enumerated() {
            guard runner.feed(line, number: offset + 1) else { break }
        }
        return runner.finish()
    }

    /// Piped stdin runs like a script, each line as it arrives.
    private func runPiped(shell: Shell) -> ExitStatus {
        let reader = InputReader()
        var runner = makeRunner(shell, source: "stdin")
        var number = 0
        while case .line(let line) = reader.readLine(prompt: "") {
            number += 1
            guard runner.feed(line, number: number) else { break }
        }
        return runner.finish()
    }
}
