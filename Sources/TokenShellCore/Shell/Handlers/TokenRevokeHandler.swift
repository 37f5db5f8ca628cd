/// `token revoke ID|PREFIX|TOKEN ... [--name NAME] [--yes]`.
///
/// Every argument is resolved against the list before anything is revoked; a full token is
/// hashed to its key here so it never goes into a URL. The confirmation shows what will go;
/// revoking the token this shell uses is asked for separately, with what it means.
enum TokenRevokeHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let (client, registry) = try shell.authenticatedClient()
        let rows = try TokenHandlerSupport.fetchRows(client, shell)
        var targets: [TokenRow] = []
        var unlisted: [Secret] = []
        if let name = command.string("name") {
            targets.append(try TokenHandlerSupport.row(named: name, in: rows, shell))
        }
        for argument in command.positionals {
            if RevokeResolver.looksLikeFullToken(argument, among: rows.map(\.token)) {
                let secret = Secret(argument)
                shell.session.noteSecret(secret)
                let key = TokenKey.key(for: argument)
                if let row = rows.first(where: { $0.token.key == key }) {
                    targets.append(row)
                } else {
                    unlisted.append(secret)
                }
                continue
            }
            targets.append(try TokenHandlerSupport.row(for: argument, in: rows, shell))
        }
        var seen: Set<String> = []
        targets = targets.filter { seen.insert($0.token.key).inserted }
        guard !targets.isEmpty || !unlisted.isEmpty else {
            throw ShellError(.usage, "say which token to revoke", hint: "token revoke ID, or token revoke --name NAME")
        }
        recordByName(command, targets: targets, rows: rows, shell)

        if !targets.isEmpty {
            shell.io.diagnostic("To be revoked:\n" + TokenHandlerSupport.table(shell).render(targets))
            let count = targets.count == 1 ? "this token" : "these \(targets.count) tokens"
            guard try TokenHandlerSupport.confirm("Revoke \(count)?", command, shell, action: "revoking") else {
                throw ShellError(.failure, "nothing was revoked", code: "ECANCELLED")
            }
            if let own = TokenHandlerSupport.ownKey(shell, registry: registry),
                targets.contains(where: { $0.token.key == own })
            {
                try confirmOwnToken(command, shell, registry: registry)
            }
        }
        var revoked: [TokenRow] = []
        for row in targets {
            try TokenHandlerSupport.revoke(key: row.token.key, client: client, shell)
            revoked.append(row)
            if !shell.options.json {
                shell.io.output("Revoked \(row.label).\n")
            }
        }
        TokenHandlerSupport.forget(keys: Set(revoked.map(\.token.key)), shell)
        shell.forgetInKeyring(registry: registry, keys: Set(revoked.map(\.token.key)))
        for secret in unlisted {
            try revokeUnlisted(secret, command, client: client, registry: registry, shell)
        }
        if shell.options.json || command.has("json") {
            let items = revoked.map { row in
                RegistryJSON.object([
                    ("id", .string(row.id)), ("key", .string(row.token.key)),
                    ("name", row.token.name.map(RegistryJSON.string) ?? .null),
                ])
            }
            shell.io.output(RegistryJSON.object([("revoked", .array(items))]).serialized + "\n")
        }
    }

    /// A single token with a unique name is recorded as `token revoke --name NAME`: ids differ
    /// from registry to registry, names travel.
    private static func recordByName(_ command: ParsedCommand, targets: [TokenRow], rows: [TokenRow], _ shell: Shell) {
        guard targets.count == 1, let target = targets.first, command.positionals.count <= 1,
            TokenHandlerSupport.isUniqueName(target.token.name, in: rows), var completed = shell.completedCommand
        else { return }
        completed.setPositionals([])
        guard (try? completed.setFlag("name", .string(target.token.name ?? ""))) != nil else { return }
        shell.completedCommand = completed
    }

    private static func confirmOwnToken(_ command: ParsedCommand, _ shell: Shell, registry: String) throws {
        let consequence =
            "One of them is the token this shell uses for \(RegistryURL.redact(registry)). Once it is revoked, every command "
            + "that needs a login (here and in npm, if npm reads it from your config) fails until you log in again."
        shell.io.diagnostic(consequence + "\n")
        guard shell.io.canAsk else {
            guard command.has("yes") || shell.options.assumeYes else {
                throw ShellError(.usage, "revoking the shell's own token needs a confirmation", hint: "add --yes")
            }
            return
        }
        guard try shell.io.confirm("Revoke the token this shell is logged in with?", default: false) else {
            throw ShellError(.failure, "nothing was revoked", code: "ECANCELLED")
        }
    }

    /// A full token whose key is not listed: already revoked, a login session, or a registry
    /// whose keys are not sha512 keys. npm's way sends the token itself in the URL, so it is
    /// offered only over https and only after a confirmation.
    private static func revokeUnlisted(
        _ token: Secret, _ command: ParsedCommand, client: RegistryClient, registry: String, _ shell: Shell
    ) throws {
        let masked = RegistryToken.mask(token.reveal())
        let sessions =
            TokenKindDetector.hidesSessionsLikeNpmjs(registry: registry, credential: token)
            ? "be a login session (npmjs does not list those)" : "be a login token (this registry may not list those)"
        shell.io.diagnostic(
            "\(masked) is not in the token list: it may be revoked already, \(sessions), or this registry's keys "
                + "are not sha512 keys of the token.\n")
        guard RegistryURL(registry)?.scheme == "https" else {
            throw ShellError(
                .failure, "\(masked) is not listed, and revoking it by value would send it over plain http",
                hint: "use `logout` for a login session, or revoke it by id from `token list`", code: "ENOTOKEN")
        }
        guard
            try TokenHandlerSupport.confirm(
                "Revoke it the way npm does, sending the token itself in the request URL (over https)?", command, shell,
                action: "revoking by value")
        else { throw ShellError(.failure, "\(masked) was not revoked", code: "ECANCELLED") }
        try TokenHandlerSupport.revoke(key: token.reveal(), client: client, shell)
        shell.io.output("Revoked \(masked).\n")
    }
}
