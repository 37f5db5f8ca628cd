extension CommandSpec {
    /// `config list`: effective config with the file of each value.
    public static let configList = CommandSpec(
        ["config", "list"], aliases: ["ls"], topic: .checks,
        summary: "show the effective config and which file each value came from",
        help: "Lists every setting in effect and the file or variable it came from. Secrets are redacted.",
        flags: [.json],
        examples: ["config list"],
        npmCommand: "npm config list")

    /// `config get KEY`: one setting.
    public static let configGet = CommandSpec(
        ["config", "get"], topic: .checks,
        summary: "show one setting and where it came from",
        help: "Shows the value of one setting and the file or variable it came from. Secrets are redacted.",
        positionals: [PositionalSpec("KEY", kind: .configKey, summary: "a setting, e.g. registry")],
        flags: [.json],
        examples: ["config get registry"],
        npmCommand: "npm config get")

    /// `config path`: the config files and their order.
    public static let configPath = CommandSpec(
        ["config", "path"], topic: .checks,
        summary: "show which config files are read, in order of precedence",
        help: "Shows the project, user and global config files and whether each exists.",
        flags: [.json],
        examples: ["config path"],
        npmCommand: "npm config get userconfig")
}
