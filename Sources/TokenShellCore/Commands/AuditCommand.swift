extension CommandSpec {
    /// `audit [PATH]`: local checks for leaked or badly stored tokens.
    public static let audit = CommandSpec(
        ["audit"], topic: .checks,
        summary: "look for leaked or badly stored tokens on this machine",
        help: """
            Checks the user config's permissions; literal tokens in git-tracked files, .npmrc, \
            .yarnrc.yml and .env files under PATH and in shell history; credentials sent over \
            plain http; and tokens that never expire or can write without an IP range. Each \
            finding comes with a severity, file:line and a fix. A full token is never printed. \
            --fix makes the user config (and untracked files holding a token) mode 0600 and \
            replaces a literal _authToken in a project .npmrc with ${NPM_TOKEN} after a private \
            backup under tokensh's state folder; it never deletes or revokes anything. \
            --check-live, after one confirmation, sends each literal token found to the registry \
            its config line names (a token elsewhere only to the registry in use; never over \
            plain http to a host other than loopback) and reports whether it still works; a \
            live token of the logged-in account can then be revoked at once. Exit \
            status 1 when a high-severity finding exists, else 0. This is not npm audit, which \
            checks dependencies for vulnerabilities.
            """,
        positionals: [
            PositionalSpec("PATH", kind: .path, optional: true, summary: "the folder to check (default: here)")
        ],
        flags: [
            .json,
            FlagSpec("fix", summary: "apply the safe fixes (file modes, ${NPM_TOKEN} in a project .npmrc)"),
            FlagSpec("git-history", summary: "also search the commits of the git repository"),
            FlagSpec(
                "check-live",
                summary: "ask each found token's own registry whether it still works, and offer to revoke it"),
            FlagSpec("yes", summary: "confirm --check-live, and --fix's move into the keyring, in advance"),
        ],
        examples: ["audit", "audit ../app --git-history", "audit --json", "audit --check-live"])
}
