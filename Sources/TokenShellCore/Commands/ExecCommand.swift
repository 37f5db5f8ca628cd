extension CommandSpec {
    /// `exec COMMAND...`: one program run with the registry's credential in its environment.
    public static let exec = CommandSpec(
        ["exec"], topic: .session,
        summary: "run npm, pnpm, yarn or any program with this registry's credential, for that program only",
        help: """
            Runs COMMAND with the credential tokensh would use for the registry (this session's \
            login, the keyring account in use, the user config's token or Basic credentials, or \
            TOKENSH_TOKEN), or with the keyring item --account or --token names, in one \
            environment variable of that program alone: TOKENSH_EXEC_TOKEN_ and 16 random hex \
            digits, a new name each run, so that no project file can name it in advance. The \
            program sees an npm user config (NPM_CONFIG_USERCONFIG) that is not on disk: your own \
            settings byte for byte, and for this registry only the line \
            //HOST/:_authToken=${TOKENSH_EXEC_TOKEN_…} (_auth= for Basic credentials), which npm \
            expands. The token is never in a file or in an argument. Neither TOKENSH_PASSWORD, \
            TOKENSH_OTP nor TOKENSH_TOKEN reaches the program. It runs in the foreground: its \
            prompts (npm's one-time password when publishing) work, Ctrl-C goes to it, and its \
            exit status is tokensh's (128+N when a signal ended it). Words after COMMAND are its \
            own, flags included; put -- before a COMMAND that starts with -. A project .npmrc \
            that sets its own credential for the registry takes precedence over the user \
            config, as npm always does. The same from outside the shell: \
            `tokensh exec [--registry URL] [--account NAME | --token NAME] -- COMMAND...`.

            npm alone does it with a committed project .npmrc line \
            //registry.npmjs.org/:_authToken=${NPM_TOKEN} and the token typed into a variable of \
            one command (below); tokensh needs neither the line nor the typing.
            """,
        positionals: [
            PositionalSpec(
                "COMMAND", repeating: true, summary: "the program and its arguments, e.g. npm publish")
        ],
        flags: [
            FlagSpec(
                "account", kind: .string, valueName: "NAME",
                summary: "use this keyring account's login (default: the one `account use` chose)"),
            FlagSpec(
                "token", kind: .string, valueName: "NAME",
                summary: "use the token saved with --save keyring:NAME instead of a login"),
        ],
        examples: [
            "exec npm whoami", "exec npm publish --access public", "exec -- pnpm install",
            "exec --token ci -- npm publish",
        ],
        npmCommand: #"read -rs NPM_TOKEN && NPM_TOKEN="$NPM_TOKEN" npm whoami"#,
        npmNote: #"with echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' >> .npmrc in the project, once"#,
        exclusiveFlags: [["account", "token"]], flagsEndAtFirstArgument: true)
}
