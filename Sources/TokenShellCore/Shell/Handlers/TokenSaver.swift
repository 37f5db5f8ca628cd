/// Where a new token goes (`--save`), and how to use it afterwards.
///
/// The token is shown only for `none` and `project` (the project file holds a `${NPM_TOKEN}`
/// reference, so the value must reach a secret store some other way); `file:` and `user`
/// keep it out of logs. Design §4 step 11 prints a token to a non-interactive run's stdout only
/// for `none`, so `project` without a terminal is refused before anything is created: the
/// token would otherwise live only in that output (a CI log). A save that fails revokes the
/// token (nobody could use it anyway) and says whether that revoke worked.
enum TokenSaver {
    /// Before anything is created: the file's folder exists (made private when new), and an
    /// existing file is refused without `--force`, so a token is never created only to be lost.
    static func checkFree(_ target: TokenSaveTarget, force: Bool, tokenName: String? = nil, _ shell: Shell) throws {
        if case .keyring(let name) = target {
            // Opened now, so a vault asks for its passphrase before anything exists to lose.
            let keyring = try shell.keyring()
            try keyring.prepareToStore()
            guard !force, let name = name ?? tokenName else { return }
            let registry = try shell.currentRegistry()
            let taken = try keyring.items().filter { $0.registry == KeyringItem.canonical(registry) }
            if taken.contains(where: { $0.name == name }) {
                throw ShellError(
                    .usage, "\(keyring.place) already holds a token named \(name); nothing was created",
                    hint: "choose another name (--save keyring:NAME), or add --force to replace it", code: "EEXIST")
            }
            return
        }
        if case .project = target, !shell.io.canPromptSecrets {
            throw ShellError(
                .usage,
                "--save project writes only the ${NPM_TOKEN} line; without a terminal the new token would end up "
                    + "nowhere but this run's output, so nothing was created",
                hint: "use --save file:PATH (a private file to upload to your secret store), or run it at a terminal",
                code: "ESAVEPROJECT")
        }
        guard case .file(let path) = target else { return }
        let absolute = try absolutePath(path, shell)
        if let slash = absolute.lastIndex(of: "/"), slash > absolute.startIndex {
            try shell.services.prepareFolder(String(absolute[..<slash]))
        }
        guard !force else { return }
        _ = try shell.services.updateConfigFile(absolute, kind: .user) { bytes throws(ShellError) in
            if bytes != nil { throw existing(absolute) }
            return nil
        }
    }

    /// Where the line says (`--save`), else the keyring when the store setting
    /// (`TOKENSH_STORE=keyring`) says new credentials go there, else nil: the wizard asks (or,
    /// without a terminal, the token is shown once).
    static func target(_ command: ParsedCommand, _ shell: Shell) throws(ShellError) -> TokenSaveTarget? {
        if let text = command.string("save") { return try TokenSaveTarget(parsing: text) }
        return try shell.store(command) == .keyring ? .keyring(nil) : nil
    }

    /// The save question of the wizard, asked once `created` exists. Leaving it (Ctrl-C,
    /// Ctrl-D) revokes the token: nobody has seen it, so nobody could use it.
    static func ask(
        name: String?, for created: CreatedToken, client: RegistryClient, _ shell: Shell, force: Bool
    ) throws -> TokenSaveTarget {
        do {
            return try ask(name: name, shell, force: force)
        } catch {
            let left = Shell.shellError(from: error)
            let reason = ShellError(
                left.status == .success ? .failure : left.status, "no place was chosen for the new token",
                hint: "create it again and answer where it should go", code: left.code)
            throw TokenHandlerSupport.rollBack(created, because: .notSaved(reason), client: client, shell)
        }
    }

    /// The save question of the wizard, asked again until the answer works.
    static func ask(name: String?, _ shell: Shell, force: Bool) throws -> TokenSaveTarget {
        shell.io.diagnostic(
            "Where should it go? none: shown once, copy it into your CI secret store; keyring or keyring:NAME: your "
                + "keyring, for `exec --token NAME`; file:PATH: a private file (mode 0600); user: your npm user config "
                + "(replaces your current login); project: the ${NPM_TOKEN} line in this project's .npmrc.\n")
        while true {
            let answer = try shell.io.ask(
                "Save to", default: "none", choices: ["none", "keyring", "file:", "user", "project"])
            do {
                let target = try TokenSaveTarget(parsing: answer)
                try checkFree(target, force: force, tokenName: name, shell)
                return target
            } catch let error as ShellError where error.status != .interrupted {
                // A Ctrl-C (at a vault's passphrase, say) leaves the question, as at the question.
                shell.io.diagnostic(ErrorRenderer.inline(error, mask: shell.secretMask) + "\n")
            }
        }
    }

    static func save(
        _ created: CreatedToken, to target: TokenSaveTarget, registry: String, client: RegistryClient, _ shell: Shell
    ) throws {
        var shown = false
        do {
            switch target {
            case .none:
                shown = true
            case .file(let path):
                let absolute = try absolutePath(path, shell)
                let force = shell.completedCommand?.has("force") ?? false
                _ = try shell.services.updateConfigFile(absolute, kind: .user) { bytes throws(ShellError) in
                    if bytes != nil, !force { throw existing(absolute) }
                    return Array((created.token.reveal() + "\n").utf8)
                }
                shell.io.diagnostic(
                    "Saved the token in \(absolute) (mode 0600). Upload it to your CI secret store, then delete the file.\n"
                )
            case .user:
                let config = try shell.config()
                shell.io.diagnostic(
                    "This replaces the current login for \(RegistryURL.redact(registry)) in \(config.userConfigPath).\n"
                )
                try shell.services.editConfigFile(config.userConfigPath, kind: .user) { document throws(ShellError) in
                    do { try document.setToken(created.token, registry: registry) } catch {
                        throw ShellError(.usage, "cannot store a token for \(RegistryURL.redact(registry))")
                    }
                }
                shell.io.diagnostic(
                    "Saved the token in \(config.userConfigPath) for \(RegistryURL.redact(registry)).\n")
            case .keyring(let name):
                let keyring = try shell.keyring()
                // The token's own name where it can name a keyring item (no spaces), else its id.
                let ownName = created.object.name.flatMap { name in
                    (try? KeyringItem.checkName(name, what: "keyring token")).map { name }
                }
                let itemName = name ?? ownName ?? TokenHandlerSupport.shortID(forKey: created.object.key, shell)
                // An account of that name (a rotation of the token an account logs in with)
                // stays an account.
                let named = try keyring.items().filter {
                    $0.registry == KeyringItem.canonical(registry) && $0.name == itemName
                }
                let kind: KeyringItem.Kind = named.map(\.kind) == [.login] ? .login : .token
                let item = KeyringItem(
                    registry: registry, kind: kind, name: itemName, user: shell.session.knownUsers[registry] ?? "")
                try keyring.store(item, secret: created.token)
                try? shell.completedCommand?.setFlag("save", .string(TokenSaveTarget.keyring(itemName).flagValue))
                shell.io.diagnostic("Saved the token in \(keyring.place) as \(itemName).\n")
            case .project:
                let config = try shell.config()
                let path =
                    config.projectConfigPath ?? TokenSaveTarget.absolute(".npmrc", cwd: config.cwd, home: config.home)
                try shell.services.editConfigFile(path, kind: .project) { document throws(ShellError) in
                    do { try document.setTokenReference(registry: registry) } catch {
                        throw ShellError(.usage, "cannot write a token line for \(RegistryURL.redact(registry))")
                    }
                }
                shell.io.diagnostic("Wrote the ${NPM_TOKEN} line (not the token) to \(path).\n")
                shown = true
            }
        } catch {
            throw TokenHandlerSupport.rollBack(
                created, because: .notSaved(Shell.shellError(from: error)), client: client, shell)
        }
        output(created, shown: shown, target: target, shell)
        if case .keyring = target, let name = shell.completedCommand?.string("save")?.dropFirst("keyring:".count) {
            // Pasted as it is: the registry named, the name quoted where a shell needs it.
            shell.io.diagnostic(
                "Use it without ever seeing it: tokensh exec --registry \(ShellQuoting.quote(RegistryURL(registry)?.withoutUserinfo ?? registry)) "
                    + "--token \(ShellQuoting.quote(String(name))) -- npm whoami\n")
        } else {
            shell.io.diagnostic(TokenUsageHelp.lines(registry: registry).joined(separator: "\n") + "\n")
        }
        if case .project = target { _ = Tips.contextual(.savedToProjectFile, in: shell) }
        let writes =
            created.object.access.map { $0 == .readWrite || $0 == .readWriteStageOnly }
            ?? (created.object.readonly == false)
        if writes { _ = Tips.contextual(.createdWriteToken, in: shell) }
    }

    private static func output(_ created: CreatedToken, shown: Bool, target: TokenSaveTarget, _ shell: Shell) {
        let id = TokenHandlerSupport.shortID(forKey: created.object.key, shell)
        if shell.options.json || (shell.completedCommand?.has("json") ?? false) {
            let object = created.object
            var members: [(String, RegistryJSON)] = [
                ("id", .string(id)), ("key", .string(object.key)),
                ("name", object.name.map(RegistryJSON.string) ?? .null), ("kind", .string(object.kind.rawValue)),
                ("access", object.access.map { .string($0.rawValue) } ?? .null),
                ("cidr", .array(object.cidr.map(RegistryJSON.string))),
                ("expires", object.expires.map(RegistryJSON.string) ?? .null),
                ("saved", .string(target.flagValue)),
            ]
            if shown { members.append(("token", .string(created.token.reveal()))) }
            shell.io.output(RegistryJSON.object(members).serialized + "\n")
            return
        }
        shell.io.diagnostic("Created token \(id)\(created.object.name.map { " (\($0))" } ?? "").\n")
        guard shown else { return }
        shell.io.diagnostic("Your new token, shown only this once:\n")
        shell.io.output(created.token.reveal() + "\n")
    }

    static func absolutePath(_ path: String, _ shell: Shell) throws -> String {
        let config = try shell.config()
        return TokenSaveTarget.absolute(path, cwd: config.cwd, home: config.home)
    }

    static func existing(_ path: String) -> ShellError {
        ShellError(
            .usage, "\(path) already exists; nothing was overwritten", hint: "choose another path, or add --force",
            code: "EEXIST")
    }
}
