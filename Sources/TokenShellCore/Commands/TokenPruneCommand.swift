extension CommandSpec {
    /// `token prune`: bulk revoke with a preview.
    public static let tokenPrune = CommandSpec(
        ["token", "prune"], topic: .tokens,
        summary: "revoke many tokens at once, after a preview",
        help: """
            Shows the tokens that match as a table and asks once before revoking them all. \
            Without a terminal it prints the preview and stops with exit code 2 unless --yes \
            is given.
            """,
        flags: [
            FlagSpec("expired", summary: "tokens that have already expired"),
            FlagSpec(
                "expiring", kind: .integer(0...36500, unit: "days"), summary: "tokens that expire within DAYS days"),
            FlagSpec(
                "older-than", kind: .integer(0...36500, unit: "days"), summary: "tokens created more than DAYS days ago"
            ),
            .yes,
            .json,
        ],
        examples: ["token prune --expired", "token prune --older-than 90 --yes"])
}
