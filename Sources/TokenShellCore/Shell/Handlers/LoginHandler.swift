#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `login`: web or legacy (couch) login, OTP when challenged, then the token saved as npm does.
enum LoginHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let config = try shell.config()
        let scope = command.string("scope")
        let registry = try scope.map { config.registry(forScope: $0) } ?? shell.currentRegistry(config)
        try shell.checkInsecureRegistry(registry)
        let useLegacy = (command.string("auth-type") ?? (command.has("username") ? "legacy" : "web")) == "legacy"
        let keyringAccount = try keyringAccount(command, shell)

        let login =
            useLegacy
            ? try legacyLogin(command, shell, registry: registry) : try webLogin(command, shell, registry: registry)
        let token = login.token
        shell.session.noteSecret(token)
        let name = try login.username ?? shell.client(registry: registry, token: token).whoami()

        var saved = ""
        if let (keyring, account) = keyringAccount, !login.isStandIn || command.string("store") != nil {
            let item = KeyringItem(registry: registry, kind: .login, name: account, user: name)
            do {
                try keyring.store(item, secret: token)
            } catch {
                // A session nobody holds would stay live (and unlisted) until it expires.
                let ended = (try? shell.client(registry: registry, token: token).logout(token: token)) != nil
                throw ShellError(
                    error.status,
                    "\(error.message); "
                        + (ended
                            ? "the new login was ended again, nothing was kept"
                            : "the new login could not be ended: it stays valid until it expires"),
                    hint: error.hint, code: error.code)
            }
            try shell.services.accounts?.select(account, registry: item.registry)
            // The scope's registry is a setting, not a secret: npm needs it in the config.
            if let scope {
                try shell.services.editConfigFile(config.userConfigPath, kind: .user) { document throws(ShellError) in
                    document.setScopeRegistry(scope, registry: registry)
                }
            }
            shell.session.sessionTokens[registry] = nil
            shell.session.knownAccounts[item.registry] = account
            shell.session.knownUsers[registry] = name
            if var completed = shell.completedCommand {
                try completed.setFlag("store", .string("keyring"))
                try completed.setFlag("as", .string(account))
                shell.completedCommand = completed
            }
            shell.io.output(
                "Logged in as \(name) on \(RegistryURL.redact(registry)). Saved in \(keyring.place) as the account "
                    + "\(account).\n")
            return
        }
        // A stand-in (TOKENSH_TOKEN) is the caller's secret, lent for this run: it goes to disk only
        // when the line itself asks for it with --save user.
        if command.string("save") == "none" || (login.isStandIn && command.string("save") == nil) {
            shell.session.sessionTokens[registry] = token
            saved =
                login.isStandIn
                ? " Using TOKENSH_TOKEN for this run only (not saved; --save user keeps it)."
                : " The login lasts for this shell only."
        } else {
            shell.session.sessionTokens[registry] = nil
            try save(token, registry: registry, scope: scope, config: config, shell: shell)
            saved = " Saved in \(config.userConfigPath)."
        }
        shell.session.knownUsers[registry] = name
        shell.io.output("Logged in as \(name) on \(RegistryURL.redact(registry)).\(saved)\n")
    }

    /// The keyring and account name when the login goes to the keyring, opened before the login
    /// starts so that a vault asks for its passphrase before anything is created.
    private static func keyringAccount(
        _ command: ParsedCommand, _ shell: Shell
    ) throws -> (any KeyringStore, String)? {
        let account = command.string("as")
        let store = try shell.store(command)
        guard account != nil || store == .keyring else { return nil }
        if command.string("store") == "npmrc" {
            throw ShellError(
                .usage, "--as names a keyring account, and --store npmrc says not to use the keyring",
                hint: "drop one of them")
        }
        if command.string("save") == "none" {
            throw ShellError(
                .usage, "--save none keeps the login in this shell only, and the keyring would keep it",
                hint: "drop --save none, or --store keyring")
        }
        let name = account ?? KeyringItem.defaultAccount
        try KeyringItem.checkName(name, what: "account")
        let keyring = try shell.keyring()
        try keyring.prepareToStore()
        return (keyring, name)
    }

    /// A token from a login, or `TOKENSH_TOKEN` standing in for one.
    private struct Login {
        var token: Secret
        /// Known without asking the registry (the legacy flow's username).
        var username: String?
        /// `TOKENSH_TOKEN` in place of a login: the environment's secret, never saved unasked.
        var isStandIn = false
    }

    private static func legacyLogin(_ command: ParsedCommand, _ shell: Shell, registry: String) throws -> Login {
        let username = try command.string("username") ?? askUsername(shell)
        // Recorded as a legacy login with the username, so a replay asks only for the password.
        if command.string("auth-type") == nil { try? shell.completedCommand?.setFlag("auth-type", .string("legacy")) }
        if command.string("username") == nil { try? shell.completedCommand?.setFlag("username", .string(username)) }
        let secrets = shell.secretVariables
        let hasPassword = secrets.isSet(SecretVariables.password) || shell.io.canPromptSecrets
        if !hasPassword, let standIn = secrets.value(SecretVariables.token) {
            return Login(token: standIn, isStandIn: true)
        }
        let password = try shell.password()
        let client = shell.client(registry: registry, token: nil, authType: .legacy)
        let now = shell.services.now()
        let token = try client.withOTP(provider: shell.otpProvider(for: client)) { otp throws(RegistryError) in
            try client.couchLogin(username: username, password: password, otp: otp, now: now)
        }
        return Login(token: token, username: username)
    }

    private static func askUsername(_ shell: Shell) throws -> String {
        guard shell.io.canAsk else {
            throw ShellError(
                .usage, "a legacy login needs a username", hint: "add --username NAME", code: "ENOUSERNAME")
        }
        // The prompter adds the colon.
        let name = try shell.io.ask("Username", default: nil)
        guard !name.isEmpty else { throw ShellError(.usage, "a username is needed", hint: "type your npm username") }
        return name
    }

    private static func webLogin(_ command: ParsedCommand, _ shell: Shell, registry: String) throws -> Login {
        if !shell.io.canAsk, let standIn = shell.secretVariables.value(SecretVariables.token) {
            return Login(token: standIn, isStandIn: true)
        }
        let client = shell.client(registry: registry, token: nil, authType: .web)
        guard case .started(let loginURL, let doneURL) = try client.startWebLogin() else {
            shell.io.diagnostic("This registry has no web login; using your username and password instead.\n")
            return try legacyLogin(command, shell, registry: registry)
        }
        shell.io.output("Login at:\n\(TerminalText.line(loginURL))\n")
        if shell.io.canAsk, shell.services.canOpenBrowser,
            try shell.io.confirm("Open it in your browser?", default: true), !shell.services.openInBrowser(loginURL)
        {
            shell.io.diagnostic("Could not start the browser: open the URL by hand.\n")
        }
        shell.io.diagnostic("Approve the login in the browser; this shell waits (Ctrl-C gives up).\n")
        let progress = shell.io.progress("waiting for the login to be approved")
        defer { progress.stop() }
        switch try shell.awaitBrowserApproval(client: client, doneURL: doneURL) {
        case .done(let token):
            return Login(token: token)
        case .giveUp(.unsupported):
            progress.stop()
            shell.io.diagnostic("The registry ended the web login; using your username and password instead.\n")
            return try legacyLogin(command, shell, registry: registry)
        case .giveUp(.interrupted):
            throw ShellError(.interrupted, "login cancelled: nothing was saved")
        case .giveUp(.deadline), .poll, .wait:
            throw ShellError(
                .failure,
                "nobody approved the login within \(BrowserApproval.describe(shell.browserApprovalLimit))",
                hint: "run `login` again, or `login --auth-type legacy` to use a password", code: "ENOTAPPROVED")
        }
    }

    static func save(_ token: Secret, registry: String, scope: String?, config: NpmConfig, shell: Shell) throws {
        let update = try shell.services.editConfigFile(config.userConfigPath, kind: .user) {
            document throws(ShellError) in
            do {
                try document.setToken(token, registry: registry)
            } catch {
                throw ShellError(
                    .usage, "cannot store a login for \(RegistryURL.redact(registry))", hint: "check the registry URL")
            }
            if let scope { document.setScopeRegistry(scope, registry: registry) }
        }
        if update.wasLooserThanPrivate {
            shell.io.diagnostic(
                "note: \(config.userConfigPath) was readable by other users; it is now private (mode 0600).\n")
        }
    }
}
