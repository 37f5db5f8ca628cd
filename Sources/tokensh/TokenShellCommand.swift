import ArgumentParser
import TokenShellCore
import TokenShellSystem

#if canImport(Glibc)
    import Glibc
#endif

@main
struct TokenShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokensh",
        abstract: "A guided shell for npm access tokens.",
        discussion: """
            With no arguments on a terminal, tokensh opens an interactive shell. `-c CMD` runs \
            commands, `tokensh FILE` replays a recorded script, and commands piped on stdin run \
            like a script. `tokensh --sandbox` opens a practice shell against a sandbox registry.

            Secrets never go on the command line: passwords come from an echo-off prompt or \
            TOKENSH_PASSWORD, one-time passwords from a prompt, TOKENSH_OTP or \
            TOKENSH_OTP_COMMAND, and TOKENSH_TOKEN stands in for a login.
            """,
        version: TokenShellVersion.current,
        subcommands: [SandboxSummary.self, ExecSummary.self]
    )

    @OptionGroup var options: ShellOptions

    @Option(
        name: .customShort("c"), help: ArgumentHelp("Run this command (repeatable), then exit.", valueName: "command"))
    var commands: [String] = []

    @Argument(help: "A script to replay (a file recorded with `record start`).")
    var file: String?

    mutating func validate() throws {
        if !commands.isEmpty && file != nil {
            throw ValidationError("give either -c commands or a script file, not both")
        }
        if options.step && file == nil {
            throw ValidationError("--step walks through a script: give its file, e.g. `tokensh --step setup.tksh`")
        }
    }

    func run() throws {
        let status = ShellLauncher(options: launchArguments).run()
        // Exit here: throwing ExitCode would send even a success through ArgumentParser's error
        // path, which builds the whole help text first (most of the instructions of `-c whoami`).
        Glibc.exit(status.rawValue)
    }

    static func main() {
        // Before anything reads a secret (TOKENSH_PASSWORD is already in the environment).
        CoreDumps.disable()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // A root command with a positional argument would take `sandbox` for a script's name.
        if arguments.first == "sandbox" {
            SandboxExecutable.exec(Array(arguments.dropFirst()))
        }
        SecretFlagGuard.refuseSecretsInArguments(arguments)
        // The program's own flags follow its name: ArgumentParser must not read them.
        if arguments.first == "exec" { ExecLauncher.run(Array(arguments.dropFirst())) }
        if ExecLauncher.followsGlobalOptions(arguments) { ExecLauncher.refuseMisplaced() }
        if let launch = LaunchArguments.quickParse(arguments) {
            Glibc.exit(ShellLauncher(options: launch).run().rawValue)
        }
        UsageExit.run(TokenShellCommand.self, arguments)
    }

    /// The parsed command line as the launcher takes it.
    var launchArguments: LaunchArguments {
        LaunchArguments(
            registry: options.registry, userconfig: options.userconfig, json: options.json, noColor: options.noColor,
            yes: options.yes, record: options.record, recordCast: options.recordCast, step: options.step,
            dryRun: options.dryRun, keepGoing: options.keepGoing,
            echo: options.echo, noHistory: options.noHistory, timeout: options.timeout,
            allowInsecureRegistry: options.allowInsecureRegistry, sandbox: options.sandbox, commands: commands,
            file: file)
    }
}

/// `tokensh sandbox` as `--help` and the completion scripts list it; `main` execs
/// `tokensh-sandbox` before parsing, so this never runs.
struct SandboxSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandbox npm registry in the foreground (`tokensh sandbox --help` for its options)."
    )
}

/// `tokensh exec` as `--help` and the completion scripts list it; `main` runs `ExecLauncher`
/// before parsing, so this never runs.
struct ExecSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a program with the registry's credential in its environment (`tokensh exec --help`)."
    )

    /// Reached only when global options came first (`tokensh --registry URL exec …`).
    func run() throws {
        throw ValidationError("put exec first, its options after it: tokensh exec --registry URL -- COMMAND...")
    }
}

/// The global options of design §2.
struct ShellOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The registry to use (default: npm's configuration, else https://registry.npmjs.org/).", valueName: "url"))
    var registry: String?

    @Option(
        help: ArgumentHelp(
            "The npm user config file (default: NPM_CONFIG_USERCONFIG, else ~/.npmrc).", valueName: "file"))
    var userconfig: String?

    @Flag(help: "Results as JSON on stdout; errors as JSON on stderr.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "No colours (also NO_COLOR).")
    var noColor = false

    @Flag(help: "Answer yes to confirmations.")
    var yes = false

    @Option(help: ArgumentHelp("Record the session as a replayable script.", valueName: "file"))
    var record: String?

    @Option(
        name: .customLong("record-cast"),
        help: ArgumentHelp("Record what the terminal shows as an asciicast v2 file, secrets masked.", valueName: "file")
    )
    var recordCast: String?

    @Flag(help: "Replay the script one command at a time: show its notes and npm equivalent, ask before each.")
    var step = false

    @Flag(name: .customLong("dry-run"), help: "Parse and show what would run, without the network or file writes.")
    var dryRun = false

    @Flag(name: .customLong("keep-going"), help: "In scripts, run on after a failing command.")
    var keepGoing = false

    @Flag(help: "Print each command of a script before it runs.")
    var echo = false

    @Flag(name: .customLong("no-history"), help: "Do not read or write the history file.")
    var noHistory = false

    @Option(help: ArgumentHelp("Cap each request at this many seconds (npm's fetch-timeout).", valueName: "seconds"))
    var timeout: Double?

    @Flag(
        name: .customLong("allow-insecure-registry"),
        help: "Allow sending credentials over plain http to a non-loopback host."
    )
    var allowInsecureRegistry = false

    @Flag(help: "Practice mode: start a sandbox registry on 127.0.0.1 and use a throw-away user config.")
    var sandbox = false
}
