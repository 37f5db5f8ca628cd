/// `exec COMMAND...`: the registry's credential handed to one program through its environment.
public enum ExecHandler {
    /// In the shell, `-c` and scripts: a child that fails fails the command (exit 1, or 130 for
    /// a Ctrl-C), as any failing command does. `tokensh exec` passes the child's own status on.
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let ended = try execute(command, shell)
        let name = command.positionals.first.map { TerminalText.line($0) } ?? "the command"
        switch ended {
        case .exited(0):
            return
        case .signaled(2):  // SIGINT, the same number on every platform tokensh builds for
            throw ShellError(.interrupted, "`\(name)` was interrupted", code: "EEXEC")
        case .exited(let status):
            throw ShellError(.failure, "`\(name)` exited with status \(status)", code: "EEXEC")
        case .signaled(let signal):
            throw ShellError(.failure, "`\(name)` was ended by signal \(signal)", code: "EEXEC")
        }
    }

    /// Runs the child and returns how it ended; throws only when it could not be started.
    public static func execute(_ command: ParsedCommand, _ shell: Shell) throws -> ExecTermination {
        guard let program = command.positionals.first else {
            throw ShellError(.usage, "`exec` needs a command to run", hint: "e.g. `exec npm whoami`")
        }
        try refuseSecrets(in: command.positionals, shell)
        let config = try shell.config()
        let registry = try shell.currentRegistry(config)
        try shell.checkInsecureRegistry(registry)
        let credential = try credential(for: registry, config: config, command, shell)
        let value: Secret
        let kind: ExecUserConfig.Kind
        switch credential {
        case .bearer(let token)?: (value, kind) = (token, .token)
        case .basic(let pair)?: (value, kind) = (pair, .basic)
        case RegistryClient.Credential.none?, nil: throw RegistryError.notLoggedIn(registry: registry)
        }
        let variable = ExecUserConfig.freshVariable()
        guard
            let userConfig = ExecUserConfig.bytes(
                user: config.layer(.user)?.document, registry: registry, kind: kind,
                isDefaultRegistry: registry == config.configuredRegistry, variable: variable)
        else { throw ShellError(.usage, "\(RegistryURL.redact(registry)) is not a registry URL", hint: "check it") }
        let environment = ExecEnvironment.make(
            base: shell.services.environment, registry: registry, userConfigPath: ExecRequest.userConfigPath,
            credential: value, variable: variable)
        let request = ExecRequest(
            command: program, arguments: Array(command.positionals.dropFirst()), environment: environment,
            userConfig: userConfig)
        return try shell.services.runExec(request)
    }

    /// The one place exec picks the credential: the keyring item `--account NAME` or
    /// `--token NAME` names, else the one every other command would send.
    static func credential(
        for registry: String, config: NpmConfig, _ command: ParsedCommand, _ shell: Shell
    ) throws -> RegistryClient.Credential? {
        let named: (KeyringItem.Kind, String)? =
            command.string("token").map { (.token, $0) } ?? command.string("account").map { (.login, $0) }
        guard let (kind, name) = named else { return try shell.credential(for: registry, config: config) }
        try KeyringItem.checkName(name, what: kind == .token ? "keyring token" : "account")
        let keyring = try shell.keyring()
        guard let secret = try keyring.secret(of: KeyringItem(registry: registry, kind: kind, name: name)) else {
            throw ShellError(
                .usage,
                "\(keyring.place) has no \(kind == .token ? "token" : "account") \(name) for \(RegistryURL.redact(registry))",
                hint: kind == .token
                    ? "`token create --save keyring:\(name)` saves one there" : "`account list` shows the accounts",
                code: "ENOACCOUNT")
        }
        shell.session.noteSecret(secret)
        return .bearer(secret)
    }

    /// The child's arguments are in `ps` while it runs and in the shell's history: a token or a
    /// password there is refused, as tokensh's own `--password` and `--otp` are. None of it is
    /// repeated in the message.
    static func refuseSecrets(in words: [String], _ shell: Shell) throws(ShellError) {
        for word in words.dropFirst() where CommandParser.isSecretFlag(word) {
            let flag = word.hasPrefix("--otp") ? "--otp" : "--password"
            throw ShellError(
                .usage, "\(flag) is refused: its value would be in `ps` while the command runs, and in history",
                hint: flag == "--otp"
                    ? "leave it out: npm asks for the one-time password at the terminal"
                    : "leave it out and answer the program's own prompt", code: "ESECRETFLAG")
        }
        let spoken = words.map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
        if spoken.contains(where: { !shell.allowsInHistory($0) }) {
            throw ShellError(
                .usage, "an argument holds a token or another secret (not repeated here)",
                hint: "exec hands the credential over in its environment; leave it out of the command line",
                code: "ESECRETARG")
        }
    }
}
