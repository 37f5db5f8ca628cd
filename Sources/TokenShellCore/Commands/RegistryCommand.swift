extension CommandSpec {
    /// `registry [URL]`: show or switch the registry for this shell.
    public static let registry = CommandSpec(
        ["registry"], topic: .session,
        summary: "show the registry, or switch to another one for this shell",
        help: """
            Without a URL, shows the registry this shell talks to and where that setting came \
            from. With a URL, switches to it for the rest of this shell (the config files are not \
            changed). The URL is normalised to end in /.
            """,
        positionals: [
            PositionalSpec("URL", kind: .registryURL, optional: true, summary: "an http:// or https:// registry URL")
        ],
        flags: [.json],
        examples: ["registry", "registry https://registry.npmjs.org/"],
        npmCommand: "npm config get registry")
}
