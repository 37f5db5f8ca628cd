extension CommandSpec {
    /// `replay FILE`: run a script inside the shell.
    public static let replay = CommandSpec(
        ["replay"], aliases: ["source"], topic: .scripts,
        summary: "run a recorded script",
        help: """
            Runs each line of the script as if typed here. Stops at the first failing command \
            with FILE:LINE and the error unless --keep-going. --dry-run parses every line and \
            shows what would run, with npm equivalents, without touching the network or files. \
            --step walks through the script: before each command it shows the notes written \
            about it, what it does and the npm command that does the same, and asks \
            `Run it? (y/n/skip/stop)`; `stop` leaves a resume point that the next --step replay \
            offers to carry on from. A script that starts with `# needs: NAME, NAME` gets those \
            variables first: asked at a terminal, or the replay stops at once naming the missing ones.
            """,
        positionals: [PositionalSpec("FILE", kind: .path, summary: "the script to run")],
        flags: [
            FlagSpec("dry-run", summary: "show what would run without running it"),
            FlagSpec("keep-going", summary: "continue after a failing command"),
            FlagSpec("echo", summary: "print each command before it runs"),
            FlagSpec(
                "step",
                summary: "before each command, show its notes and npm equivalent and ask whether to run it"),
            FlagSpec("registry", kind: .registryURL, summary: "use this registry instead of the recorded one"),
        ],
        examples: [
            "replay setup.tksh", "source setup.tksh --dry-run", "replay setup.tksh --keep-going --echo",
            "replay setup.tksh --step",
        ])
}
