extension CommandSpec {
    /// `token rotate`: same rights, fresh expiry, then the old one revoked.
    public static let tokenRotate = CommandSpec(
        ["token", "rotate"], topic: .tokens,
        summary: "replace a token with a new one with the same rights and a fresh expiry",
        help: """
            Creates a new token with the same permissions, packages, scopes, organizations and \
            IP ranges as the old one and a fresh expiry, saves it where you choose, then revokes \
            the old token after confirmation. Update the places that use the old token before \
            confirming.
            """,
        positionals: [
            PositionalSpec("ID", kind: .tokenReference, optional: true, summary: "a token id or unique key prefix")
        ],
        flags: [
            FlagSpec("name", kind: .tokenName, summary: "rotate the token with this name"),
            .expires,
            .save,
            .force,
            .yes,
            .json,
        ],
        examples: ["token rotate 2feae2", "token rotate --name ci-read --expires 30 --save file:ci-token --yes"],
        positionalsOrFlag: "name")
}
