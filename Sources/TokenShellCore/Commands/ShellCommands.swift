extension CommandSpec {
    /// `history [N]`: the last commands.
    public static let history = CommandSpec(
        ["history"], topic: .scripts,
        summary: "show the last commands",
        help: "Shows the last N commands of the history (default: all kept). Lines holding secrets are never kept.",
        positionals: [
            PositionalSpec(
                "N", kind: .integer(1...100_000, unit: "commands"), optional: true, summary: "how many to show")
        ],
        examples: ["history", "history 20"])

    /// `set [NAME=VALUE]`: shell variables for `${NAME}`.
    public static let set = CommandSpec(
        ["set"], topic: .scripts,
        summary: "show the shell's variables, or set one for ${NAME}",
        help: """
            Without an argument, lists the variables set in this shell. With NAME=VALUE, sets a \
            variable that later lines can use as ${NAME}; variables set here win over the \
            environment. Do not put secrets in variables: they are recorded in scripts.
            """,
        positionals: [PositionalSpec("NAME=VALUE", kind: .assignment, optional: true, summary: "the variable to set")],
        examples: ["set", "set SCOPE=@acme", "set CI_NAME=\"ci read\""])

    /// `exit`: leave the shell.
    public static let exit = CommandSpec(
        ["exit"], aliases: ["quit"], topic: .scripts,
        summary: "leave the shell (also Ctrl-D)",
        help: "Leaves the shell. A recording in progress is stopped and saved.",
        examples: ["exit", "quit"])
}
