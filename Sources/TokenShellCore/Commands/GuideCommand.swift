extension CommandSpec {
    /// `guide`: the onboarding walkthrough.
    public static let guide = CommandSpec(
        ["guide"], topic: .start,
        summary: "walk through registry, login, a least-privilege token and safe storage",
        help: """
            Step by step from choosing a registry to a least-privilege token stored correctly. \
            Each step says what it will do and why, shows the npm command that does the same, and \
            runs only with your consent. The guide remembers where you stopped; --restart begins again.
            """,
        flags: [FlagSpec("restart", summary: "start from the first step instead of resuming")],
        examples: ["guide", "guide --restart"])
}
