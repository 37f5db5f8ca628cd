/// What one shell remembers between commands. None of it is written to disk.
public struct ShellSession: Sendable {
    /// Set by `registry URL`; otherwise npm's configuration (and `--registry`) decide.
    public var registryOverride: String?
    /// Who the credentials belong to, per registry, learned from login or whoami: shown in
    /// the prompt without a network call.
    public var knownUsers: [String: String] = [:]
    /// Tokens from `login --save none`, `TOKENSH_TOKEN` logins: per registry, this session only.
    public var sessionTokens: [String: Secret] = [:]
    /// The keyring account in use per registry, once known: shown in the prompt.
    public var knownAccounts: [String: String] = [:]
    public var variables: ShellVariables
    public var historyPolicy = HistoryPolicy()
    /// The last token list, for completion and for resolving ids without another request.
    public var lastTokens: [RegistryToken] = []
    public var lastTokenIDs: [String] = []
    public var shouldExit = false
    /// Contextual tips already shown in this session (each appears once).
    public var tipsShown: Set<String> = []

    public init(variables: ShellVariables) {
        self.variables = variables
    }

    public mutating func noteSecret(_ secret: Secret) {
        historyPolicy.noteSecret(secret)
    }
}

/// Options fixed for the whole run, from the command line.
public struct ShellOptionsValues: Sendable {
    public var registry: String?
    public var userconfig: String?
    public var json = false
    public var assumeYes = false
    public var dryRun = false
    public var timeout: Double?
    public var allowInsecureRegistry = false
    public var color = true
    public var version = "0.0.0"

    public init() {}

    /// The npm option names the command line sets, for `NpmConfigInputs.cli`.
    public var npmCLIValues: [String: String] {
        var values: [String: String] = [:]
        if let registry { values["registry"] = registry }
        if let userconfig { values["userconfig"] = userconfig }
        return values
    }
}
