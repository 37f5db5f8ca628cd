extension CommandSpec {
    /// `record start FILE`: record the session as a script.
    public static let recordStart = CommandSpec(
        ["record", "start"], topic: .scripts,
        summary: "start recording this session's commands as a script",
        help: """
            Writes each command that runs as its canonical line, with wizard answers turned \
            into flags, so a replay asks for nothing but secrets. Passwords, one-time passwords \
            and tokens are never written. ${NAME} references stay as typed.
            """,
        positionals: [PositionalSpec("FILE", kind: .path, summary: "the script to write, e.g. setup.tksh")],
        flags: [
            .force,
            FlagSpec(
                "cast", kind: .path, valueName: "FILE",
                summary: "also record what the terminal shows, secrets masked, as an asciicast v2 file"),
        ],
        examples: [
            "record start setup.tksh", "record start setup.tksh --force",
            "record start setup.tksh --cast setup.cast",
        ])

    /// `note TEXT`: a comment about the next recorded command.
    public static let note = CommandSpec(
        ["note"], topic: .scripts,
        summary: "write a note into the script being recorded, about the next command",
        help: """
            Writes TEXT as a comment line into the script being recorded. It belongs to the \
            next command: `replay FILE --step` shows it before asking to run that command. The \
            text is kept as typed (quotes and ${NAME} too); a note holding a token or another \
            secret is refused.
            """,
        positionals: [PositionalSpec("TEXT", repeating: true, summary: "what the next command is for")],
        examples: ["note Create the read-only token the deploy job uses"],
        takesRawText: true)

    /// `record stop`: finish the script.
    public static let recordStop = CommandSpec(
        ["record", "stop"], topic: .scripts,
        summary: "stop recording and close the script",
        help: "Stops recording. The script can be replayed with `replay FILE` or `tokensh FILE`.",
        examples: ["record stop"])

    /// `record status`: whether and where recording happens.
    public static let recordStatus = CommandSpec(
        ["record", "status"], topic: .scripts,
        summary: "show whether this session is being recorded, and where",
        help: "Shows the script being written and how many commands it holds so far.",
        flags: [.json],
        examples: ["record status"])
}
