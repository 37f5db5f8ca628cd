extension CommandSpec {
    /// `token show ID`: one token in full, never its secret.
    public static let tokenShow = CommandSpec(
        ["token", "show"], topic: .tokens,
        summary: "show one token in full (never its secret)",
        help: """
            Shows everything the registry says about one token: name, description, permissions, \
            packages, scopes, organizations, CIDR ranges, 2FA bypass, created and expiry dates. \
            ID is an id from token list or any unique prefix of the key.
            """,
        positionals: [PositionalSpec("ID", kind: .tokenReference, summary: "a token id or unique key prefix")],
        flags: [.json],
        examples: ["token show 2feae2"])
}
