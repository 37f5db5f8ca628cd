extension CommandSpec {
    /// `help [COMMAND]`: the overview, or one command in full.
    public static let help = CommandSpec(
        ["help"], aliases: ["?"], topic: .start,
        summary: "list the commands, or explain one command",
        help: """
            Without a command, lists what the shell can do, grouped by job. With a command, shows \
            its usage, every flag with what it means, an example and the npm command that does \
            the same. `COMMAND --help` does the same as `help COMMAND`.
            """,
        positionals: [
            PositionalSpec(
                "COMMAND", kind: .commandName, optional: true, repeating: true, summary: "a command, e.g. token create")
        ],
        examples: ["help", "help token create", "? login"],
        npmCommand: "npm help")
}
