/// What most commands need: the registry, its credential, a client, secrets and OTPs.
extension Shell {
    /// npm's configuration for a running command; the first time the user config turns out
    /// readable by others, the matching tip is shown.
    public func config() throws(ShellError) -> NpmConfig {
        let config = try quietConfig()
        Tips.afterLoadingConfig(config, in: self)
        return config
    }

    /// npm's configuration without any tip: for the prompt and TAB completion, which run while
    /// the line editor owns the terminal and must print nothing.
    public func quietConfig() throws(ShellError) -> NpmConfig {
        try services.loadConfig(cli: options.npmCLIValues)
    }

    /// `registry URL` for this shell, else `--registry`, npm's environment and files.
    public func currentRegistry(_ config: NpmConfig? = nil) throws(ShellError) -> String {
        if let override = session.registryOverride { return override }
        if let config { return config.registry }
        return try self.config().registry
    }

    /// The token to send to `registry`: this session's login, the keyring account chosen with
    /// `account use`, the config's credential, the keyring's login, or `TOKENSH_TOKEN`.
    ///
    /// Throws when the config's credential is a `${VAR}` reference to an unset variable: npm
    /// would send the literal text, and the registry's 401 would only say "log in again".
    public func token(for registry: String, config: NpmConfig) throws(ShellError) -> Secret? {
        if case .bearer(let token) = try credential(for: registry, config: config) { return token }
        return nil
    }

    /// What to authenticate to `registry` with: this session's login, the chosen keyring account,
    /// the config's credential (a token, or Basic credentials as npm sends them), the keyring's
    /// login, or `TOKENSH_TOKEN`; nil when none.
    public func credential(for registry: String, config: NpmConfig) throws(ShellError) -> RegistryClient.Credential? {
        if let token = session.sessionTokens[registry] { return .bearer(token) }
        // An account chosen with `account use` wins over the config; otherwise the keyring is
        // asked only when the config has nothing.
        if let (_, token) = try keyringLogin(for: registry, explicitOnly: true) { return .bearer(token) }
        if let found = config.credential(forRegistry: registry) {
            if let token = try found.usableToken() {
                session.noteSecret(token)
                return .bearer(token)
            }
            if let pair = try found.usableBasicPair() {
                session.noteSecret(pair)
                if let password = found.basicPassword { session.noteSecret(password) }
                return .basic(pair)
            }
        }
        if let (_, token) = try keyringLogin(for: registry, explicitOnly: false) { return .bearer(token) }
        if let token = secretVariables.value(SecretVariables.token) {
            session.noteSecret(token)
            return .bearer(token)
        }
        return nil
    }

    /// A client for `registry`. A password in the URL's userinfo is a credential (npm sends it
    /// as Basic auth, and so does the transport, to that registry only): it is noted as a secret.
    public func client(registry: String, token: Secret?, authType: RegistryClient.AuthType = .web) -> RegistryClient {
        client(registry: registry, credential: token.map { .bearer($0) } ?? .none, authType: authType)
    }

    public func client(
        registry: String, credential: RegistryClient.Credential, authType: RegistryClient.AuthType = .web
    ) -> RegistryClient {
        if let password = RegistryURL(registry)?.userinfoPassword { session.noteSecret(Secret(password)) }
        let services = self.services
        return RegistryClient(
            transport: services.transport(for: registry), registry: registry,
            credential: credential, userAgent: "tokensh/\(options.version)",
            authType: authType, sleep: { services.sleep(seconds: $0) })
    }

    /// A client that sends this registry's credential; fails with a hint when there is none.
    public func authenticatedClient() throws -> (client: RegistryClient, registry: String) {
        let config = try config()
        let registry = try currentRegistry(config)
        try checkInsecureRegistry(registry)
        guard let credential = try credential(for: registry, config: config) else {
            throw RegistryError.notLoggedIn(registry: registry)
        }
        return (client(registry: registry, credential: credential), registry)
    }

    /// Credentials never go over plain http to a host other than loopback without consent.
    public func checkInsecureRegistry(_ registry: String) throws {
        guard let url = RegistryURL(registry), url.scheme == "http", !options.allowInsecureRegistry else { return }
        let host = url.host.lowercased()
        if url.isLoopback { return }
        if io.canAsk,
            try io.confirm(
                "\(RegistryURL.redact(registry)) uses plain http: credentials would cross the network unencrypted. Continue?",
                default: false)
        {
            return
        }
        throw ShellError(
            .usage, "refusing to send credentials over plain http to \(host)",
            hint: "use the registry's https URL, or pass --allow-insecure-registry if you accept the risk")
    }

    /// The account password: `TOKENSH_PASSWORD`, else an echo-off prompt on a terminal.
    public func password(prompt: String = "Password: ") throws(ShellError) -> Secret {
        if let secret = secretVariables.value(SecretVariables.password) {
            session.noteSecret(secret)
            return secret
        }
        guard io.canPromptSecrets else {
            throw ShellError(
                .usage, "a password is needed and there is no terminal to ask for it",
                hint: "set TOKENSH_PASSWORD in the environment (never on the command line)", code: "ENOPASSWORD")
        }
        let secret = try io.askSecret(prompt)
        session.noteSecret(secret)
        return secret
    }

    /// Answers OTP challenges: a web approval, `TOKENSH_OTP` (once), `TOKENSH_OTP_COMMAND`, or a prompt.
    public func otpProvider(for client: RegistryClient) -> any OTPProvider {
        ShellOTPProvider(shell: self, client: client)
    }
}
