extension CommandSpec {
    /// `token revoke`: revoke by id, prefix, name or full token.
    public static let tokenRevoke = CommandSpec(
        ["token", "revoke"], aliases: ["rm", "remove", "delete"], topic: .tokens,
        summary: "revoke tokens by id, unique prefix, name or full token",
        help: """
            Revokes each token after one confirmation. A prefix must match exactly one token. A \
            full token is turned into its sha512 key on this machine, so the secret never goes \
            into a URL. --name revokes the token with that name, which is how recorded scripts \
            refer to tokens, since ids differ from registry to registry.
            """,
        positionals: [
            PositionalSpec(
                "ID", kind: .tokenReference, optional: true, repeating: true,
                summary: "a token id, unique key prefix or full token")
        ],
        flags: [
            FlagSpec("name", kind: .tokenName, summary: "revoke the token with this name"),
            .yes,
            .json,
        ],
        examples: ["token revoke 2feae2", "token revoke --name ci-read --yes", "token rm 2feae2 73e881"],
        npmCommand: "npm token revoke",
        positionalsOrFlag: "name")
}
