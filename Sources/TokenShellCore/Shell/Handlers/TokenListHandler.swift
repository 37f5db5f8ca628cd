/// `token list`: every page, as a table that fits the terminal or as design §3's JSON.
enum TokenListHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let (client, _) = try shell.authenticatedClient()
        let all = try TokenHandlerSupport.fetchRows(client, shell)
        let now = shell.services.now()
        let rows = TokenListQuery(command).apply(all, now: now)
        if shell.options.json || command.has("json") {
            shell.io.output(TokenListJSON.render(rows, now: now))
            return
        }
        guard !rows.isEmpty else {
            let why =
                all.isEmpty
                ? "No tokens. (\(unlistedLogins(client))) Create one with `token create`."
                : "No token matches; \(all.count) listed in all."
            shell.io.output(why + "\n")
            return
        }
        shell.io.output(TokenHandlerSupport.table(shell).render(rows))
        // After the table (and after the spinner has gone), about what it shows.
        _ = Tips.afterListing(all.map(\.token), now: now, in: shell)
    }

    /// Why the login this shell uses is not in the list; npmjs is named only where it applies.
    static func unlistedLogins(_ client: RegistryClient) -> String {
        var credential: Secret?
        if case .bearer(let token) = client.credential { credential = token }
        return TokenKindDetector.hidesSessionsLikeNpmjs(registry: client.registry, credential: credential)
            ? "Login sessions are not listed on npmjs."
            : "This registry does not list login tokens."
    }
}
