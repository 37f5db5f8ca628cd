/// What the token commands share: reading the list (and remembering it for completion),
/// resolving an id, prefix or name to one token, and asking for confirmation.
enum TokenHandlerSupport {
    /// Every page of the list, as rows with short ids; also kept for TAB completion.
    static func fetchRows(_ client: RegistryClient, _ shell: Shell) throws -> [TokenRow] {
        try fetchListing(client, shell).rows
    }

    /// `fetchRows`, and the shape of the list's first page (a hint to the registry's token kind).
    static func fetchListing(_ client: RegistryClient, _ shell: Shell) throws -> (
        rows: [TokenRow], shape: TokenListShape?
    ) {
        let progress = shell.io.progress("reading the token list")
        defer { progress.stop() }
        let (tokens, shape) = try client.listTokensAndShape()
        let rows = TokenRow.rows(for: tokens)
        shell.session.lastTokens = tokens
        shell.session.lastTokenIDs = rows.map(\.id)
        return (rows, shape)
    }

    /// Forgets revoked tokens in the remembered list.
    static func forget(keys: Set<String>, _ shell: Shell) {
        let kept = shell.session.lastTokens.filter { !keys.contains($0.key) }
        shell.session.lastTokens = kept
        shell.session.lastTokenIDs = RegistryToken.shortIDs(for: kept)
    }

    /// The one listed token a short id, key prefix or full key names; several → the candidates.
    static func row(for reference: String, in rows: [TokenRow], _ shell: Shell) throws -> TokenRow {
        let id = reference.trimmingWhitespaceAndNewlines()
        guard !id.isEmpty else { throw ShellError(.usage, "a token id is needed", hint: "`token list` shows the ids") }
        let matches = rows.filter { $0.token.key.hasPrefix(id) }
        if matches.count == 1, let match = matches.first { return match }
        if matches.isEmpty {
            throw ShellError(
                .usage, "no listed token has the id \(RevokeResolver.displayed(id))",
                hint: "`token list` shows the ids; it may already be revoked", code: "ENOTOKEN")
        }
        showCandidates(matches, shell)
        throw ShellError(
            .usage, "\(id) matches \(matches.count) tokens", hint: "type more characters of the id", code: "EAMBIGUOUS")
    }

    /// The one listed token with this name; several → the candidates.
    static func row(named name: String, in rows: [TokenRow], _ shell: Shell) throws -> TokenRow {
        let matches = rows.filter { $0.token.name == name }
        if matches.count == 1, let match = matches.first { return match }
        if matches.isEmpty {
            throw ShellError(
                .usage, "no listed token is named \"\(name)\"", hint: "`token list` shows the names", code: "ENOTOKEN")
        }
        showCandidates(matches, shell)
        throw ShellError(
            .usage, "\(matches.count) tokens are named \"\(name)\"", hint: "give the id of the one you mean",
            code: "EAMBIGUOUS")
    }

    static func showCandidates(_ rows: [TokenRow], _ shell: Shell) {
        shell.io.diagnostic("Candidates:\n" + table(shell).render(rows))
    }

    static func table(_ shell: Shell) -> TokenTable {
        TokenTable(width: shell.io.terminalWidth, now: shell.services.now())
    }

    /// Whether a name names exactly one listed token (then recordings may refer to it by name).
    static func isUniqueName(_ name: String?, in rows: [TokenRow]) -> Bool {
        guard let name, !name.isEmpty else { return false }
        return rows.filter { $0.token.name == name }.count == 1
    }

    /// The key of the token this shell sends to `registry`, to warn before it is revoked.
    static func ownKey(_ shell: Shell, registry: String) -> String? {
        guard let config = try? shell.config(), let token = try? shell.token(for: registry, config: config) else {
            return nil
        }
        return TokenKey.key(for: token.reveal())
    }

    /// `--yes` (or the global one) confirms in advance; a terminal asks; otherwise exit 2.
    /// Returns whether the person agreed; records `--yes` when they did, so a replay does not ask.
    static func confirm(_ question: String, _ command: ParsedCommand, _ shell: Shell, action: String) throws -> Bool {
        if command.has("yes") || shell.options.assumeYes { return true }
        guard shell.io.canAsk else {
            throw ShellError(
                .usage, "\(action) needs a confirmation and there is no terminal to ask",
                hint: "add --yes to confirm in advance", code: "ENOCONFIRM")
        }
        guard try shell.io.confirm(question, default: false) else { return false }
        if var completed = shell.completedCommand, completed.spec.flag(named: "yes") != nil {
            try completed.setFlag("yes", .bool(true))
            shell.completedCommand = completed
        }
        return true
    }

    /// The short id `token list` shows for `key`, from the list last read (its first 8
    /// characters when the list does not hold it).
    static func shortID(forKey key: String, _ shell: Shell) -> String {
        let tokens = shell.session.lastTokens
        return zip(tokens, RegistryToken.shortIDs(for: tokens)).first { $0.0.key == key }?.1 ?? String(key.prefix(8))
    }

    /// Revokes a new token that must not live (over-granted, or not saved). The error to end the
    /// command with says how the revoke went: a failed one leaves a live token the user never saw.
    static func rollBack(
        _ created: CreatedToken, because reason: TokenRollback.Reason, client: RegistryClient, _ shell: Shell
    ) -> ShellError {
        let id = shortID(forKey: created.object.key, shell)
        let outcome: TokenRollback.Revoke
        do {
            try revoke(key: created.object.key, client: client, shell)
            forget(keys: [created.object.key], shell)
            outcome = .revoked
        } catch {
            outcome = .failed(error.shellError)
        }
        return TokenRollback(reason: reason, revoke: outcome, id: id).error
    }

    /// Revokes one key, answering an OTP challenge when the registry asks.
    static func revoke(key: String, client: RegistryClient, _ shell: Shell) throws(RegistryError) {
        try client.withOTP(provider: shell.otpProvider(for: client)) { otp throws(RegistryError) in
            try client.revokeToken(key: key, otp: otp)
        }
    }
}
