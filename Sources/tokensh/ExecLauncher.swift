import TokenShellCore
import TokenShellSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// `tokensh exec [--registry URL] -- COMMAND...`, read before ArgumentParser: the words after
/// the program's name are the program's, flags included, and never parsed as tokensh's.
enum ExecLauncher {
    /// tokensh's own options that exec takes, each before the program's name.
    struct Options: Equatable {
        var registry: String?
        var userconfig: String?
        var allowInsecureRegistry = false
        var account: String?
        var token: String?
        var help = false
        var command: [String] = []
    }

    /// Splits `exec`'s arguments (the word `exec` already gone) into its options and the command.
    static func parse(_ arguments: [String]) -> Result<Options, ShellError> {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" { break }
            guard word.hasPrefix("-"), word != "-" else {
                index -= 1
                break
            }
            var name = word
            var attached: String?
            if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<equals])
                attached = String(word[word.index(after: equals)...])
            }
            switch name {
            case "-h", "--help":
                options.help = true
            case "--allow-insecure-registry":
                options.allowInsecureRegistry = true
            case "--registry", "--userconfig", "--account", "--token":
                guard let value = attached ?? (index < arguments.count ? arguments[index] : nil), !value.isEmpty else {
                    return .failure(ShellError(.usage, "\(name) needs a value", hint: usageHint))
                }
                if attached == nil { index += 1 }
                switch name {
                case "--registry": options.registry = value
                case "--userconfig": options.userconfig = value
                case "--account": options.account = value
                default: options.token = value
                }
            default:
                // Not repeated: a mistyped option may hold a secret.
                return .failure(
                    ShellError(
                        .usage, "unknown option before the command of `tokensh exec`",
                        hint: usageHint + " (the program's own options go after its name)"))
            }
        }
        options.command = Array(arguments[index...])
        if options.account != nil, options.token != nil {
            return .failure(ShellError(.usage, "give --account or --token, not both", hint: usageHint))
        }
        if options.command.isEmpty, !options.help {
            return .failure(ShellError(.usage, "`tokensh exec` needs a command to run", hint: usageHint))
        }
        return .success(options)
    }

    /// `tokensh --registry URL exec -- …`: tokensh's options before `exec`, where ArgumentParser
    /// would take `exec` for a script's name and the program's words for its own.
    static func followsGlobalOptions(_ arguments: [String]) -> Bool {
        let taking: Set<String> = ["--registry", "--userconfig", "--timeout", "--record", "--record-cast"]
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "exec" { return index > 0 }
            guard word.hasPrefix("--"), word != "--" else { return false }
            index += taking.contains(word) ? 2 : 1
        }
        return false
    }

    static func refuseMisplaced() -> Never {
        let error = ShellError(
            .usage, "tokensh's options go after `exec`, not before it",
            hint: "e.g. tokensh exec --registry URL -- npm whoami", code: "EUSAGE")
        TerminalShellIO.write(ErrorRenderer.text(error), to: STDERR_FILENO)
        exit(error.status.rawValue)
    }

    static let usageHint =
        "usage: tokensh exec [--registry URL] [--account NAME | --token NAME] -- COMMAND [ARGS...], "
        + "e.g. tokensh exec -- npm whoami"

    static func run(_ arguments: [String]) -> Never {
        var values = ShellOptionsValues()
        values.version = TokenShellVersion.current
        values.color = getenv("NO_COLOR") == nil
        let services = LocalShellServices(process: ProcessEnvironment.current(), timeout: nil)
        let io = TerminalShellIO(editor: nil, stdinIsPiped: isatty(STDIN_FILENO) == 0)
        let options: Options
        switch parse(arguments) {
        case .success(let parsed): options = parsed
        case .failure(let error):
            Shell(io: io, services: services, options: values).report(error)
            exit(error.status.rawValue)
        }
        values.registry = options.registry
        values.userconfig = options.userconfig
        values.allowInsecureRegistry = options.allowInsecureRegistry
        let shell = Shell(io: io, services: services, options: values)
        if options.help {
            shell.execute("help exec")
            exit(0)
        }
        do {
            var command = ParsedCommand(spec: .exec, positionals: options.command)
            if let account = options.account { try command.setFlag("account", .string(account)) }
            if let token = options.token { try command.setFlag("token", .string(token)) }
            let ended = try ExecHandler.execute(command, shell)
            exit(ended.shellStatus)
        } catch {
            let failure = Shell.shellError(from: error)
            shell.report(failure)
            // As a POSIX shell says a program could not be found or run.
            exit(failure.code == "ENOCMD" ? 127 : failure.code == "EEXEC" ? 126 : failure.status.rawValue)
        }
    }
}
