/// `account list|use|remove` and `lock`: the keyring's logins.
enum AccountHandlers {
    static func list(_ command: ParsedCommand, _ shell: Shell) throws {
        let keyring = try shell.keyring()
        let logins = try keyring.items().filter { $0.kind == .login }
            .sorted { ($0.registry, $0.name) < ($1.registry, $1.name) }
        let selection = shell.services.accounts
        func inUse(_ item: KeyringItem) -> Bool {
            if let chosen = selection?.selected(registry: item.registry) { return chosen == item.name }
            let same = logins.filter { $0.registry == item.registry }
            return same.count == 1 || (item.name == KeyringItem.defaultAccount)
        }
        if shell.options.json || command.has("json") {
            let rows = logins.map { item in
                RegistryJSON.object([
                    ("name", .string(item.name)), ("user", item.user.isEmpty ? .null : .string(item.user)),
                    ("registry", .string(RegistryURL.redact(item.registry))), ("inUse", .bool(inUse(item))),
                ])
            }
            shell.io.output(
                RegistryJSON.object([("store", .string(keyring.place)), ("accounts", .array(rows))]).serialized + "\n")
            return
        }
        guard !logins.isEmpty else {
            shell.io.output("No accounts in \(keyring.place). Add one with `login --store keyring --as NAME`.\n")
            return
        }
        shell.io.output("Accounts in \(keyring.place):\n")
        for item in logins {
            let mark = inUse(item) ? "*" : " "
            let user = item.user.isEmpty ? "" : " (\(item.user))"
            shell.io.output(
                TerminalText.line("\(mark) \(item.name)\(user)  \(RegistryURL.redact(item.registry))") + "\n")
        }
    }

    static func use(_ command: ParsedCommand, _ shell: Shell) throws {
        let name = command.positionals.first ?? ""
        try KeyringItem.checkName(name, what: "account")
        let registry = try shell.currentRegistry()
        let item = try account(named: name, registry: registry, shell)
        guard let selection = shell.services.accounts else {
            throw ShellError(.failure, "this tokensh cannot remember a chosen account")
        }
        try selection.select(name, registry: item.registry)
        shell.session.sessionTokens[registry] = nil
        shell.session.knownAccounts[item.registry] = name
        shell.session.knownUsers[registry] = item.user.isEmpty ? nil : item.user
        let user = item.user.isEmpty ? "" : " (\(item.user))"
        shell.io.output("Using the account \(name)\(user) on \(RegistryURL.redact(registry)).\n")
    }

    static func remove(_ command: ParsedCommand, _ shell: Shell) throws {
        let name = command.positionals.first ?? ""
        try KeyringItem.checkName(name, what: "account")
        let registry = try shell.currentRegistry()
        let item = try account(named: name, registry: registry, shell)
        let keyring = try shell.keyring()
        try keyring.remove(item)
        if shell.services.accounts?.selected(registry: item.registry) == name {
            try shell.services.accounts?.select(nil, registry: item.registry)
        }
        if shell.session.knownAccounts[item.registry] == name {
            shell.session.knownAccounts[item.registry] = nil
            shell.session.knownUsers[registry] = nil
        }
        shell.io.output(
            "Removed the account \(name) from \(keyring.place). The login was not revoked: it stays valid on "
                + "\(RegistryURL.redact(registry)) until it expires.\n")
    }

    static func lock(_ command: ParsedCommand, _ shell: Shell) throws {
        shell.io.output(try shell.keyring().lock() + "\n")
    }

    private static func account(named name: String, registry: String, _ shell: Shell) throws -> KeyringItem {
        let keyring = try shell.keyring()
        let logins = try keyring.items(registry: registry, kind: .login)
        guard let item = logins.first(where: { $0.name == name }) else {
            let known = logins.map(\.name).sorted()
            throw ShellError(
                .usage,
                "\(keyring.place) has no account \(TerminalText.line(name)) for \(RegistryURL.redact(registry))",
                hint: known.isEmpty
                    ? "add one with `login --store keyring --as \(name)`"
                    : "known here: \(known.joined(separator: ", "))", code: "ENOACCOUNT")
        }
        return item
    }
}
