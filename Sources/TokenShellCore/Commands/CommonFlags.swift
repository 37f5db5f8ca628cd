/// Flags several commands share, spelled and explained the same way everywhere.
extension FlagSpec {
    /// `--json`: results as JSON on stdout, for scripts.
    public static let json = FlagSpec(
        "json", summary: "print the result as JSON on stdout (errors go to stderr)", npmName: "json")

    /// `--yes`: answers a confirmation in advance, for scripts and CI.
    public static let yes = FlagSpec(
        "yes", short: "y", summary: "do not ask for confirmation (needed without a terminal)")

    /// `--force`: allows replacing an existing file.
    public static let force = FlagSpec("force", short: "f", summary: "replace the file if it already exists")

    /// `--expires DAYS` as npm 11 spells it.
    public static let expires = FlagSpec(
        "expires", kind: .integer(1...36500, unit: "days"),
        summary: "days until the token expires (npmjs caps write tokens at 90, default 7)", npmName: "expires")

    /// `--save TARGET`: where a new token goes.
    public static let save = FlagSpec(
        "save", kind: .saveTarget,
        summary:
            "where the token goes: none (shown once), file:PATH (mode 0600), user config, project .npmrc, "
            + "keyring[:NAME] (Secret Service or encrypted vault)")
}
