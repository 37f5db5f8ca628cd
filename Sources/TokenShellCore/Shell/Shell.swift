/// The interpreter: one line in, one command run, an exit status out.
///
/// The interactive shell, `-c`, script replay and piped input all go through `execute`, so
/// a recorded script behaves exactly as the typed session did.
public final class Shell {
    public let io: any ShellIO
    public let services: any ShellServices
    public let options: ShellOptionsValues
    public var session: ShellSession
    /// The running command as it will be recorded: handlers that ask questions (wizards) or
    /// resolve arguments (a revoke by id becomes a revoke by name) replace it with the fully
    /// specified version, so that a replay asks nothing but secrets.
    public var completedCommand: ParsedCommand?
    /// The recording in progress, and how deep replays nest.
    public var scripts = ScriptState()
    /// The keyring once opened: a vault unlocked in this session stays unlocked here even where
    /// the kernel keyring cannot keep its key.
    var openKeyring: (any KeyringStore)?
    let parser = CommandParser()

    public init(io: any ShellIO, services: any ShellServices, options: ShellOptionsValues) {
        self.io = io
        self.services = services
        self.options = options
        self.session = ShellSession(variables: ShellVariables(environment: services.environment))
        // The environment's secrets count from the start: a line may expand one (`${TOKENSH_TOKEN}`)
        // before any command has used it.
        for name in SecretVariables.valueNames {
            if let value = secretVariables.value(name) { session.noteSecret(value) }
        }
    }

    /// The environment variables that hold secrets (design §2).
    public static let secretVariables = SecretVariables.valueNames

    /// The secret variables of this shell's environment, read in one place.
    public var secretVariables: SecretVariables { SecretVariables(services.environment) }

    /// Runs one line; errors are reported on stderr (prefixed with `location`, e.g. `FILE:LINE`).
    @discardableResult
    public func execute(_ line: String, location: String? = nil) -> ExitStatus {
        do {
            guard let command = try parser.parse(line, variables: { self.session.variables.lookup($0) }) else {
                return .success
            }
            try run(command)
            return .success
        } catch {
            let shellError = Shell.shellError(from: error)
            report(shellError, location: location)
            if case RegistryError.sessionExpired = error, io.canAsk, !session.shouldExit {
                offerLoginAfterExpiry()
            }
            return shellError.status
        }
    }

    /// Runs an already parsed command (the guide and replay build some in code).
    public func run(_ command: ParsedCommand) throws {
        completedCommand = command
        guard let handler = ShellCommandTable.handler(for: command.spec) else {
            throw ShellError(
                .failure, "`\(command.spec.name)` is not available in this version of tokensh",
                hint: "run `help` to see the commands you can use")
        }
        try handler(command, self)
        recordCompleted(command)
    }

    public func report(_ error: ShellError, location: String? = nil) {
        if options.json {
            io.diagnostic(ErrorRenderer.json(error, mask: secretMask))
        } else {
            io.diagnostic(ErrorRenderer.text(error, location: location, mask: secretMask))
        }
    }

    /// Hides this session's known secrets and anything shaped like one in text for people.
    public var secretMask: SecretMask {
        SecretMask(secrets: session.historyPolicy.secrets)
    }

    /// The registry in use, found without a tip, an error or a network call: for the prompt
    /// and for texts (tips) that name it.
    public var registryForDisplay: String {
        session.registryOverride ?? (try? quietConfig().registry) ?? NpmConfig.defaultRegistry
    }

    /// The prompt of design §3: what is known without a network call. The user name comes from
    /// the registry and the host from a project's `.npmrc`: shown without control characters.
    public var prompt: String {
        TerminalText.line(rawPrompt)
    }

    private var rawPrompt: String {
        let registry = registryForDisplay
        let host = RegistryURL(registry)?.hostAndPort ?? registry
        // The chosen account is a name in a small state file: read without the keyring.
        let canonical = KeyringItem.canonical(registry)
        let account =
            (session.knownAccounts[canonical] ?? services.accounts?.selected(registry: canonical)).map { " [\($0)]" }
            ?? ""
        if let user = session.knownUsers[registry] {
            return "tokensh \(user)@\(host)\(account)> "
        }
        if !account.isEmpty { return "tokensh \(host)\(account)> " }
        return "tokensh \(host)> "
    }

    /// Whether a typed line may go into the persistent history.
    public func allowsInHistory(_ line: String) -> Bool {
        session.historyPolicy.allows(line)
    }

    private func offerLoginAfterExpiry() {
        guard (try? io.confirm("Log in again now?", default: true)) == true else { return }
        execute("login")
    }

    /// Any error a command throws, as the user should read it: rendered, never a debug dump
    /// of the value (which could show fields no message was meant to show).
    public static func shellError(from error: any Error) -> ShellError {
        switch error {
        case let error as ShellError: error
        case let error as RegistryError: error.shellError
        case let error as TransportError: RegistryError.transport(error).shellError
        case let error as any CustomStringConvertible: ShellError(.failure, error.description)
        default: ShellError(.failure, "an unexpected error (\(type(of: error)))")
        }
    }
}
