extension CommandSpec {
    /// `ping`: is the registry reachable, and how fast.
    public static let ping = CommandSpec(
        ["ping"], topic: .session,
        summary: "check that the registry answers, and how fast",
        help: "Sends npm's ping request to the registry and reports the round-trip time.",
        flags: [.json],
        examples: ["ping", "ping --json"],
        npmCommand: "npm ping")
}
