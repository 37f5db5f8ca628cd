extension CommandSpec {
    /// `token list`: every page, as a table or JSON.
    public static let tokenList = CommandSpec(
        ["token", "list"], aliases: ["ls"], topic: .tokens,
        summary: "list your tokens: id, name, permissions, CIDR, created, expiry",
        help: """
            Fetches every page of your tokens and shows them as a table. The short id is the \
            shortest unique prefix of the token's key; use it with token show and token revoke. \
            The full token is never shown, only its first and last characters.
            """,
        flags: [
            .json,
            FlagSpec("sort", kind: .choice(["created", "expires", "name"]), summary: "order of the rows"),
            FlagSpec("filter", kind: .string, summary: "only tokens whose name, id or description contains TEXT"),
            FlagSpec(
                "expiring", kind: .integer(0...36500, unit: "days"),
                summary: "only tokens that expire within DAYS days"),
        ],
        examples: ["token list", "token list --sort expires --expiring 14", "token list --json"],
        npmCommand: "npm token list")
}
