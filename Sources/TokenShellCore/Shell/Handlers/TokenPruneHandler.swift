/// `token prune [--expired] [--expiring DAYS] [--older-than DAYS] [--yes]`: bulk revoke.
///
/// A preview table, one confirmation, a result line per token and a summary; a failure on one
/// token does not stop the others, and any failure makes the command fail. The token the shell
/// itself uses is never pruned.
enum TokenPruneHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let selection = PruneSelection(command)
        guard !selection.isEmpty else {
            throw ShellError(
                .usage, "say which tokens to prune", hint: "use --expired, --expiring DAYS or --older-than DAYS",
                code: "EMISSING")
        }
        let (client, registry) = try shell.authenticatedClient()
        let rows = try TokenHandlerSupport.fetchRows(client, shell)
        let now = shell.services.now()
        let own = TokenHandlerSupport.ownKey(shell, registry: registry)
        let chosen = selection.select(rows, now: now, protectedKey: own)
        let json = shell.options.json || command.has("json")
        if let own, let mine = rows.first(where: { $0.token.key == own }), selection.matches(mine, now: now) {
            shell.io.diagnostic("note: \(mine.id) matches but is kept: it is the token this shell uses.\n")
        }
        guard !chosen.isEmpty else {
            if json {
                shell.io.output("{\"revoked\":[],\"failed\":[]}\n")
            } else {
                shell.io.output("No token matches; nothing to prune.\n")
            }
            return
        }
        let preview = "Tokens to revoke:\n" + TokenHandlerSupport.table(shell).render(chosen)
        if json { shell.io.diagnostic(preview) } else { shell.io.output(preview) }
        let question = "Revoke these \(chosen.count) token\(chosen.count == 1 ? "" : "s")?"
        guard try TokenHandlerSupport.confirm(question, command, shell, action: "token prune") else {
            throw ShellError(.failure, "nothing was revoked", code: "ECANCELLED")
        }
        var revoked: [TokenRow] = []
        var failed: [(TokenRow, String)] = []
        for row in chosen {
            if shell.services.isInterrupted {
                failed.append((row, "not attempted: interrupted"))
                continue
            }
            do {
                try TokenHandlerSupport.revoke(key: row.token.key, client: client, shell)
                revoked.append(row)
                if !json { shell.io.output("revoked \(row.label)\n") }
            } catch {
                let message = shell.secretMask.apply(error.shellError.message)
                failed.append((row, message))
                if !json { shell.io.output("FAILED  \(row.label): \(TerminalText.line(message))\n") }
            }
        }
        TokenHandlerSupport.forget(keys: Set(revoked.map(\.token.key)), shell)
        shell.forgetInKeyring(registry: registry, keys: Set(revoked.map(\.token.key)))
        if json {
            let done = revoked.map { RegistryJSON.object([("id", .string($0.id)), ("key", .string($0.token.key))]) }
            let bad = failed.map { row, message in
                RegistryJSON.object([
                    ("id", .string(row.id)), ("key", .string(row.token.key)), ("error", .string(message)),
                ])
            }
            shell.io.output(
                RegistryJSON.object([("revoked", .array(done)), ("failed", .array(bad))]).serialized + "\n")
        } else {
            shell.io.output("Revoked \(revoked.count) of \(chosen.count); \(failed.count) failed.\n")
        }
        guard failed.isEmpty else {
            throw ShellError(
                .failure, "\(failed.count) of \(chosen.count) tokens could not be revoked",
                hint: "run the same `token prune` again to retry the rest")
        }
    }
}
