extension CommandSpec {
    /// `account list`: the logins the keyring holds.
    public static let accountList = CommandSpec(
        ["account", "list"], aliases: ["ls"], topic: .session,
        summary: "list the logins kept in the keyring, and which one each registry uses",
        help: """
            Lists the accounts saved with `login --store keyring --as NAME`: their name, npm user \
            and registry, with a * on the one in use. Secrets are never shown.
            """,
        flags: [.json],
        examples: ["account list"])

    /// `account use NAME`: the account the shell, `exec` and the prompt use.
    public static let accountUse = CommandSpec(
        ["account", "use"], topic: .session,
        summary: "use one of the keyring's logins for the current registry",
        help: """
            From now on this registry is used with the account NAME from the keyring: in this \
            shell, in later tokensh runs and in `exec`. The prompt shows it. It wins over a token \
            in the npm user config.
            """,
        positionals: [PositionalSpec("NAME", kind: .string, summary: "an account from `account list`")],
        examples: ["account use work"])

    /// `account remove NAME`: forget one login.
    public static let accountRemove = CommandSpec(
        ["account", "remove"], aliases: ["rm"], topic: .session,
        summary: "remove one login from the keyring (it is not revoked)",
        help: """
            Removes the account NAME of the current registry from the keyring. The login itself \
            stays valid on the registry until it expires; to end it there, `account use NAME` then \
            `logout`.
            """,
        positionals: [PositionalSpec("NAME", kind: .string, summary: "an account from `account list`")],
        examples: ["account remove old-laptop"])

    /// `lock`: forget the vault's key at once.
    public static let lock = CommandSpec(
        ["lock"], topic: .session,
        summary: "lock the keyring vault now: the next use asks for its passphrase",
        help: """
            Forgets the vault's unlocked key, in this shell and in the kernel keyring where other \
            tokensh runs of this login find it. An unlocked vault locks by itself after 15 minutes \
            (TOKENSH_UNLOCK_MINUTES). The Secret Service locks with the desktop session.
            """,
        examples: ["lock"])
}
