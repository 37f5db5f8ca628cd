extension CommandSpec {
    /// `login`: web or legacy login, OTP when challenged.
    public static let login = CommandSpec(
        ["login"], topic: .session,
        summary: "log in to the registry (web or username and password)",
        help: """
            The web flow prints a URL to open (also on machines without a browser) and waits for \
            you to approve. The legacy flow asks for your username and password; the password is \
            never echoed. When the registry asks for a one-time password, you are asked for it. \
            Without a terminal the password comes from TOKENSH_PASSWORD and the code from \
            TOKENSH_OTP or TOKENSH_OTP_COMMAND. On npmjs a login lasts two hours.
            """,
        flags: [
            FlagSpec(
                "auth-type", kind: .choice(["web", "legacy"]),
                summary: "web: approve in a browser; legacy: username and password", npmName: "auth-type"),
            FlagSpec(
                "username", kind: .string, valueName: "NAME", summary: "the account name for the legacy flow",
                npmName: nil),
            FlagSpec(
                "scope", kind: .string, valueName: "@SCOPE",
                summary: "log in for this scope's registry (npm's scope:registry setting)", npmName: "scope"),
            FlagSpec(
                "save", kind: .choice(["user", "none"]),
                summary: "user: keep the login in the user config (as npm does); none: only this shell"),
            FlagSpec(
                "store", kind: .choice(["keyring", "npmrc"]),
                summary: "keyring: the Secret Service or tokensh's encrypted vault; npmrc: the npm user config "
                    + "(default: TOKENSH_STORE, else npmrc)"),
            FlagSpec(
                "as", kind: .string, valueName: "ACCOUNT",
                summary: "keep the login in the keyring under this account name (implies --store keyring)"),
        ],
        examples: [
            "login", "login --auth-type legacy --username alice", "login --scope @acme --save none",
            "login --store keyring --as work",
        ],
        npmCommand: "npm login")
}
