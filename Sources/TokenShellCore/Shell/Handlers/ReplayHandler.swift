/// `replay FILE` (alias `source`): runs a script inside this shell, through the same runner
/// as `tokensh FILE`.
enum ReplayHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let path = command.positionals.first, !path.isEmpty else {
            throw ShellError(.usage, "`replay` needs a script file", hint: "e.g. `replay setup.tksh`")
        }
        guard shell.scripts.replayDepth < ScriptState.replayDepthLimit else {
            throw ShellError(
                .usage, "replays nest more than \(ScriptState.replayDepthLimit) deep",
                hint: "a script probably replays itself; remove that `replay` line")
        }
        let dryRun = command.has("dry-run") || shell.options.dryRun
        if command.has("step"), !dryRun, !shell.io.canAsk {
            throw ShellError(
                .usage, "--step asks before each command, and there is no terminal to answer",
                hint: "run it in the interactive shell, or replay without --step")
        }
        let bytes = try shell.services.readScriptFile(path)
        let lines = try ScriptSource.lines(of: bytes, source: path)
        var options = ScriptRunOptions(
            keepGoing: command.has("keep-going"), echo: command.has("echo"), dryRun: dryRun)
        if command.has("step") { options.step = .file(path, bytes: bytes, lines: lines) }
        if let registry = command.string("registry") {
            options.registry = RegistryURL(registry)?.normalized ?? registry
        }

        // A replay leaves the shell's registry, variables (dry run) and exit flag as they were.
        let savedRegistry = shell.session.registryOverride
        let savedVariables = shell.session.variables
        shell.scripts.replayDepth += 1
        defer {
            shell.scripts.replayDepth -= 1
            shell.session.registryOverride = savedRegistry
            shell.session.shouldExit = false
            if options.dryRun { shell.session.variables = savedVariables }
        }
        var runner = ScriptRunner(shell: shell, source: path, options: options)
        for (offset, line) in lines.enumerated() {
            guard runner.feed(line, number: offset + 1) else { break }
        }
        let status = runner.finish()
        guard status == .success else {
            throw ShellError(
                status,
                "replay of \(path) " + (options.keepGoing || options.dryRun ? "finished with errors" : "stopped"),
                hint: "see the message above for the line that failed")
        }
    }
}
