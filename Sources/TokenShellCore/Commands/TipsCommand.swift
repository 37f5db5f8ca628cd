extension CommandSpec {
    /// `tips [TOPIC]`: secure token handling, with sources.
    public static let tips = CommandSpec(
        ["tips"], topic: .start,
        summary: "how to handle tokens safely, with sources",
        help: """
            Short lessons on keeping tokens safe: ${NPM_TOKEN} in .npmrc, the CI secret, \
            trusted publishing, least privilege, short expiry, CIDR ranges, 2FA, rotation, and what \
            to do when a token leaked. Each claim names its source.
            """,
        positionals: [
            PositionalSpec("TOPIC", kind: .tipTopic, optional: true, summary: "one topic; without it, the list")
        ],
        examples: ["tips", "tips leaked"])
}
