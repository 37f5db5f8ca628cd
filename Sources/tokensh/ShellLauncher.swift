import Foundation
import TokenShellCore
import TokenShellSystem
import TokenShellTerminal

/// Picks the mode of design §2 and wires the adapters to the interpreter.
struct ShellLauncher {
    var options: ShellOptions
    var commands: [String]
    var file: String?

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

        if !commands.isEmpty {
            let shell = Shell(
                io: TerminalShellIO(editor: nil, stdinIsPiped: stdinIsPiped), services: services, options: values)
            return runLines(commands.enumerated().map { ($0.element, "-c \($0.offset + 1)") }, shell: shell)
        }
        if let file {
            let shell = Shell(
                io: TerminalShellIO(editor: nil, stdinIsPiped: stdinIsPiped), services: services, options: values)
            return runScript(at: file, shell: shell)
        }
        if stdinIsPiped || !Terminal.isInteractive {
            let shell = Shell(io: TerminalShellIO(editor: nil, stdinIsPiped: true), services: services, options: values)
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
        io.diagnostic(practice?.banner ?? "tokensh \(values.version): type `help` to get started. Ctrl-D exits.\n")
        while true {
            Interrupts.flag.reset()
            switch editor.readLine(prompt: shell.prompt) {
            case .line(let line):
                shell.execute(line)
                if shell.allowsInHistory(line) { editor.add(toHistory: line) }
                if shell.session.shouldExit { return .success }
            case .interrupted:
                continue
            case .endOfFile:
                io.output("\n")
                return .success
            }
        }
    }

    private func runScript(at path: String, shell: Shell) -> ExitStatus {
        guard let data = FileManager.default.contents(atPath: path) else {
            shell.report(ShellError(.failure, "cannot read \(path)", hint: "check the path and its permissions"))
            return .failure
        }
        guard let text = String(validating: data, as: UTF8.self), !data.contains(0) else {
            shell.report(
                ShellError(
                    .usage, "\(path) is not a tokensh script (it is not text)",
                    hint: "give a script recorded with `record start`"))
            return .usage
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return runLines(lines.enumerated().map { ($0.element, "\(path):\($0.offset + 1)") }, shell: shell)
    }

    private func runPiped(shell: Shell) -> ExitStatus {
        let reader = InputReader()
        var lines: [(String, String)] = []
        var number = 0
        while case .line(let line) = reader.readLine(prompt: "") {
            number += 1
            lines.append((line, "stdin:\(number)"))
        }
        return runLines(lines, shell: shell)
    }

    /// Runs lines in order; stops at the first failure unless `--keep-going`.
    private func runLines(_ lines: [(text: String, location: String)], shell: Shell) -> ExitStatus {
        var worst = ExitStatus.success
        for (text, location) in lines {
            Interrupts.flag.reset()
            if options.echo { shell.io.diagnostic("+ \(text)\n") }
            let status = shell.execute(text, location: location)
            if status == .interrupted { return status }
            if status != .success {
                guard options.keepGoing else { return status }
                if worst == .success { worst = status }
            }
            if shell.session.shouldExit { break }
        }
        return worst
    }
}
