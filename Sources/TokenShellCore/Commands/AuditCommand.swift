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
            backup under tokensh's state folder; it never deletes or revokes anything. Exit \
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
        ],
        examples: ["audit", "audit ../app --git-history", "audit --json"])
}
