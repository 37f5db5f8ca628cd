extension CommandSpec {
    /// `audit [PATH]`: local checks for leaked or badly stored tokens.
    public static let audit = CommandSpec(
        ["audit"], topic: .checks,
        summary: "look for leaked or badly stored tokens on this machine",
        help: """
            Checks the user config's permissions; literal tokens in git-tracked files, .npmrc, \
            .yarnrc.yml and .env files under PATH and in shell history; credentials sent over \
            plain http; and tokens that never expire or can write without an IP range. Each \
            finding comes with a fix. A full token is never printed. This is not npm audit, \
            which checks dependencies for vulnerabilities.
            """,
        positionals: [
            PositionalSpec("PATH", kind: .path, optional: true, summary: "the folder to check (default: here)")
        ],
        flags: [
            .json,
            FlagSpec("fix", summary: "apply the safe fixes (such as file permissions) after showing them"),
            FlagSpec("git-history", summary: "also search the commits of the git repository"),
        ],
        examples: ["audit", "audit ../app --git-history", "audit --json"])
}
