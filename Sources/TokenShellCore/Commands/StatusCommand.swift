extension CommandSpec {
    /// `status`: every credential tokensh or npm would use, checked at once.
    public static let status = CommandSpec(
        ["status"], topic: .session,
        summary: "check every registry you have credentials for: who, what kind, where kept, what is wrong",
        help: """
            Finds every registry with a credential in the npm user config, the project config, \
            npm_config_* variables, TOKENSH_TOKEN or this session, and asks each registry at once \
            who the credential belongs to (each with its own --timeout, so one that hangs costs no \
            more than that). Shows the kind (login session, granular, classic, legacy, basic), \
            where it is kept, when it expires where the registry says, and what needs attention: \
            plain http, a config file others can read, a literal token in a project file, expiry \
            within 7 days, a credential the registry refuses. A plain-http registry other than \
            loopback is not asked. Exit status: 4 when a registry cannot be reached, else 3 when a \
            credential is refused, else 1 when something needs attention or there is no \
            credential, else 0. --json prints {"registries":[{"registry","user","kind","store", \
            "expires","state","problems"}],"exitCode"}, state being ok, attention, refused or \
            unreachable.
            """,
        flags: [
            .json,
            FlagSpec(
                "timeout", kind: .integer(1...600, unit: "seconds"), valueName: "SECONDS",
                summary: "how long each registry may take to answer (default 10)"),
        ],
        examples: ["status", "status --json", "status --timeout 3"],
        npmCommand: "npm whoami",
        npmNote: "npm asks one registry at a time and says nothing of the kind, the storage or the expiry")
}
