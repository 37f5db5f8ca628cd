extension CommandSpec {
    /// `logout`: revoke the session token and forget it.
    public static let logout = CommandSpec(
        ["logout"], topic: .session,
        summary: "end the login: revoke it on the registry and remove it from the config",
        help: """
            Revokes the session token on the registry, then removes it from the config file it \
            came from, keeping every other line of that file.
            """,
        examples: ["logout"],
        npmCommand: "npm logout")
}
