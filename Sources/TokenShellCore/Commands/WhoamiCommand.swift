extension CommandSpec {
    /// `whoami`: who the current credentials belong to.
    public static let whoami = CommandSpec(
        ["whoami"], topic: .session,
        summary: "show who the current credentials belong to",
        help: "Asks the registry which account the current token or login belongs to.",
        flags: [.json],
        examples: ["whoami"],
        npmCommand: "npm whoami")
}
