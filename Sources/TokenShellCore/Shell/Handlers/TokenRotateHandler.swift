/// `token rotate ID|--name NAME`: a new token with the old one's rights and a fresh expiry,
/// saved per `--save`, then the old one revoked after confirmation. Naming and expiry rules are
/// in `RotationPlan`.
enum TokenRotateHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let (client, registry) = try shell.authenticatedClient()
        let rows = try TokenHandlerSupport.fetchRows(client, shell)
        let old =
            try command.string("name").map { try TokenHandlerSupport.row(named: $0, in: rows, shell) }
            ?? TokenHandlerSupport.row(for: command.positionals.first ?? "", in: rows, shell)
        if !shell.io.canAsk, !(command.has("yes") || shell.options.assumeYes) {
            throw ShellError(
                .usage, "token rotate revokes the old token, which needs a confirmation and there is no terminal",
                hint: "add --yes (nothing was created)", code: "ENOCONFIRM")
        }
        let draft = RotationPlan.draft(
            replacing: old.token, expiresDays: command.integer("expires"), now: shell.services.now())
        let problems = draft.problems()
        guard problems.isEmpty else {
            throw ShellError(.usage, "cannot rotate \(old.id): " + problems.joined(separator: "; "))
        }
        var completed = command
        if TokenHandlerSupport.isUniqueName(old.token.name, in: rows) {
            completed.setPositionals([])
            try completed.setFlag("name", .string(old.token.name ?? ""))
        }
        if let days = draft.expiresDays { try completed.setFlag("expires", .integer(days)) }
        shell.completedCommand = completed

        shell.io.diagnostic("Rotating \(old.label):\n")
        var equivalent = ParsedCommand(spec: .tokenCreate)
        for (flag, value) in draft.flags { try equivalent.setFlag(flag, value) }
        TokenCreateHandler.showSummary(draft, completed: equivalent, shell)
        if shell.io.canAsk, !(command.has("yes") || shell.options.assumeYes) {
            guard try shell.io.confirm("Create the new token?", default: true) else {
                throw ShellError(.failure, "nothing was created", code: "ECANCELLED")
            }
        }
        var target = try TokenSaver.target(command, shell)
        // The keyring entry that holds the old token gets the new one: nothing else to update.
        let keyringEntry = try shell.keyringTokens(registry: registry, keys: [old.token.key]).first
        if target == nil, let keyringEntry {
            target = .keyring(keyringEntry.name)
            shell.io.diagnostic("The new token replaces \(keyringEntry.name) in the keyring.\n")
        }
        let replacesEntry = keyringEntry.map { target == .keyring($0.name) } ?? false
        if let target { try TokenSaver.checkFree(target, force: command.has("force") || replacesEntry, shell) }
        let created = try TokenCreateHandler.create(draft, client: client, shell)
        shell.session.noteSecret(created.token)
        try TokenCreateHandler.verify(created, draft: draft, client: client, shell)
        if target == nil {
            target =
                shell.io.canAsk
                ? try TokenSaver.ask(name: draft.name, for: created, client: client, shell, force: command.has("force"))
                : .none
        }
        let chosen = target ?? .none
        try completed.setFlag("save", .string(chosen.flagValue))
        shell.completedCommand = completed
        try TokenSaver.save(created, to: chosen, registry: registry, client: client, shell)

        if TokenHandlerSupport.ownKey(shell, registry: registry) == old.token.key {
            shell.io.diagnostic(
                "note: the old token is the one this shell uses; after revoking it, log in again or use the new one.\n")
        }
        let question = "Revoke the old token \(old.id) now? Update every place that uses it first."
        guard try TokenHandlerSupport.confirm(question, command, shell, action: "revoking the old token") else {
            shell.io.diagnostic("The old token \(old.id) was kept; revoke it later with `token revoke \(old.id)`.\n")
            return
        }
        try TokenHandlerSupport.revoke(key: old.token.key, client: client, shell)
        TokenHandlerSupport.forget(keys: [old.token.key], shell)
        shell.forgetInKeyring(registry: registry, keys: [old.token.key])
        shell.io.diagnostic("Revoked the old token \(old.id).\n")
    }
}
