extension CommandSpec {
    /// `replay FILE`: run a script inside the shell.
    public static let replay = CommandSpec(
        ["replay"], aliases: ["source"], topic: .scripts,
        summary: "run a recorded script",
        help: """
            Runs each line of the script as if typed here. Stops at the first failing command \
            with FILE:LINE and the error unless --keep-going. --dry-run parses every line and \
            shows what would run, with npm equivalents, without touching the network or files.
            """,
        positionals: [PositionalSpec("FILE", kind: .path, summary: "the script to run")],
        flags: [
            FlagSpec("dry-run", summary: "show what would run without running it"),
            FlagSpec("keep-going", summary: "continue after a failing command"),
            FlagSpec("echo", summary: "print each command before it runs"),
            FlagSpec("registry", kind: .registryURL, summary: "use this registry instead of the recorded one"),
        ],
        examples: ["replay setup.tksh", "source setup.tksh --dry-run", "replay setup.tksh --keep-going --echo"])
}
