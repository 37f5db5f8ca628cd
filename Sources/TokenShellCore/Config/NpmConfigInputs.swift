/// Everything config resolution reads from the outside world, as values.
public struct NpmConfigInputs: Sendable {
    /// The process environment (`npm_config_*`, `HOME`, and the variables `${VAR}` refers to).
    public var environment: [String: String]
    /// The working folder, absolute; the project file is looked for from here upwards.
    public var cwd: String
    /// The home folder, absolute (`~` in paths, and `~/.npmrc`).
    public var home: String
    /// Options given on the command line, by npm name without dashes: `registry`,
    /// `userconfig`, `globalconfig`, `prefix`, `@scope:registry`, …
    public var cli: [String: String]
    /// The global file npm would read when nothing names one (`<prefix>/etc/npmrc`); `nil`
    /// skips the global layer unless `globalconfig` is set.
    public var defaultGlobalConfigPath: String?

    public init(
        environment: [String: String], cwd: String, home: String, cli: [String: String] = [:],
        defaultGlobalConfigPath: String? = nil
    ) {
        self.environment = environment
        self.cwd = cwd
        self.home = home
        self.cli = cli
        self.defaultGlobalConfigPath = defaultGlobalConfigPath
    }
}
