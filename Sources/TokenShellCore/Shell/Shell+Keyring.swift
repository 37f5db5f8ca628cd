/// The keyring as commands use it: opened once per shell, accounts chosen per registry.
extension Shell {
    /// The keyring, opened on first use (a vault asks for its passphrase only when it must).
    public func keyring() throws(ShellError) -> any KeyringStore {
        if let openKeyring { return openKeyring }
        let opened = try services.keyring(passphrase: ShellKeyringPassphrase(shell: self))
        openKeyring = opened
        return opened
    }

    /// Where `--store` (else the `TOKENSH_STORE` variable, else the npm config) says a new
    /// login goes.
    public func store(_ command: ParsedCommand) throws(ShellError) -> CredentialStoreChoice {
        if let flag = command.string("store") { return try CredentialStoreChoice(parsing: flag, source: "--store") }
        if let setting = session.variables.lookup("TOKENSH_STORE"), !setting.isEmpty {
            return try CredentialStoreChoice(parsing: setting, source: "TOKENSH_STORE")
        }
        return .npmrc
    }

    /// The login the keyring holds for `registry`: the account chosen with `account use`, else
    /// the only one, else the one named `default`. `explicitOnly` looks only at a chosen account.
    func keyringLogin(for registry: String, explicitOnly: Bool) throws(ShellError) -> (KeyringItem, Secret)? {
        let chosen = services.accounts?.selected(registry: KeyringItem.canonical(registry))
        if explicitOnly, chosen == nil { return nil }
        guard services.keyringMayHoldItems else {
            if let chosen { throw missingAccount(chosen, registry: registry) }
            return nil
        }
        let keyring = try keyring()
        let logins = try keyring.items(registry: registry, kind: .login)
        let item: KeyringItem?
        if let chosen {
            guard let found = logins.first(where: { $0.name == chosen }) else {
                throw missingAccount(chosen, registry: registry)
            }
            item = found
        } else {
            item = logins.count == 1 ? logins.first : logins.first { $0.name == KeyringItem.defaultAccount }
        }
        guard let item, let secret = try keyring.secret(of: item) else { return nil }
        session.noteSecret(secret)
        session.knownAccounts[item.registry] = item.name
        if !item.user.isEmpty { session.knownUsers[registry] = item.user }
        return (item, secret)
    }

    private func missingAccount(_ name: String, registry: String) -> ShellError {
        ShellError(
            .failure, "the account \(name) chosen for \(RegistryURL.redact(registry)) is not in the keyring",
            hint: "`account list` shows the accounts; `login --store keyring --as \(name)` adds it again",
            code: "ENOACCOUNT")
    }

    /// Keyring tokens saved for `registry` whose value has one of `keys`: what a revoke or a
    /// rotation ends. Empty, without asking, when the keyring holds nothing.
    func keyringTokens(registry: String, keys: Set<String>) throws(ShellError) -> [KeyringItem] {
        guard services.keyringMayHoldItems, !keys.isEmpty else { return [] }
        let keyring = try keyring()
        var found: [KeyringItem] = []
        for kind in KeyringItem.Kind.allCases {
            for item in try keyring.items(registry: registry, kind: kind) {
                if let secret = try keyring.secret(of: item), keys.contains(TokenKey.key(for: secret.reveal())) {
                    found.append(item)
                }
            }
        }
        return found
    }

    /// Removes what a revoke ended from the keyring, saying so.
    func forgetInKeyring(registry: String, keys: Set<String>) {
        do {
            let items = try keyringTokens(registry: registry, keys: keys)
            let keyring = try keyring()
            for item in items {
                try keyring.remove(item)
                io.diagnostic(
                    "Removed the \(item.kind == .login ? "account" : "token") \(item.name) from \(keyring.place).\n")
                if item.kind == .login, services.accounts?.selected(registry: item.registry) == item.name {
                    try? services.accounts?.select(nil, registry: item.registry)
                    session.knownAccounts[item.registry] = nil
                }
            }
        } catch {
            io.diagnostic("note: could not clean the keyring: \(ErrorRenderer.inline(error, mask: secretMask))\n")
        }
    }
}

/// `--store keyring|npmrc`.
public enum CredentialStoreChoice: String, Sendable {
    case keyring, npmrc

    init(parsing text: String, source: String) throws(ShellError) {
        guard let choice = CredentialStoreChoice(rawValue: text) else {
            throw ShellError(
                .usage, "\(source) does not accept `\(TerminalText.line(text))`", hint: "use keyring or npmrc")
        }
        self = choice
    }
}

/// The vault's passphrase: `TOKENSH_VAULT_PASSPHRASE`, else an echo-off prompt.
final class ShellKeyringPassphrase: KeyringPassphraseSource {
    private unowned let shell: Shell

    init(shell: Shell) { self.shell = shell }

    func passphrase(for place: String, creating: Bool, retry: Bool) throws(ShellError) -> Secret {
        if !retry, let secret = shell.secretVariables.value(SecretVariables.vaultPassphrase) {
            shell.session.noteSecret(secret)
            return secret
        }
        if retry {
            guard shell.io.canPromptSecrets else {
                throw ShellError(
                    .failure, "TOKENSH_VAULT_PASSPHRASE does not open \(place) (or the file was altered)",
                    hint: "check the variable's value; a vault that no passphrase opens any more was changed",
                    code: "EBADPASSPHRASE")
            }
            shell.io.diagnostic("That passphrase does not open \(place); try again.\n")
        }
        guard shell.io.canPromptSecrets else {
            throw ShellError(
                .usage, "\(place) is locked and there is no terminal to ask for its passphrase",
                hint: "run tokensh at a terminal once (the vault stays unlocked for a while), or set "
                    + "TOKENSH_VAULT_PASSPHRASE in the environment", code: "ELOCKED")
        }
        if creating {
            shell.io.diagnostic(
                "Creating \(place). Choose a passphrase: it is the only way to open the vault, and tokensh cannot "
                    + "recover it.\n")
        }
        while true {
            let first = try shell.io.askSecret(creating ? "New vault passphrase: " : "Vault passphrase: ")
            shell.session.noteSecret(first)
            guard creating else { return first }
            guard first.reveal().count >= 8 else {
                shell.io.diagnostic("Use at least 8 characters.\n")
                continue
            }
            let second = try shell.io.askSecret("Same passphrase again: ")
            if second.reveal() == first.reveal() { return first }
            shell.io.diagnostic("The two passphrases differ; try again.\n")
        }
    }
}
