/// The environment of an `exec` child: the shell's own, without tokensh's secrets and without
/// anything that would make npm read another config or credential for the registry, plus the
/// three variables exec sets.
public enum ExecEnvironment {
    /// tokensh's secret variables (`ChildEnvironment.secretNames` in the system layer removes
    /// them as well, for every child).
    public static let secretNames = SecretVariables.hiddenFromChildren

    /// - Parameters:
    ///   - base: the shell's environment.
    ///   - registry: the registry the credential belongs to; the child uses it (`npm_config_registry`).
    ///   - userConfigPath: where the child reads `ExecUserConfig`'s bytes, e.g. `/dev/fd/3`.
    ///   - credential: the value npm expands `${variable}` to.
    ///   - variable: this run's `ExecUserConfig.freshVariable()`.
    public static func make(
        base: [String: String], registry: String, userConfigPath: String, credential: Secret, variable: String
    ) -> [String: String] {
        let nerf = RegistryURL.nerfDart(of: registry)
        var environment = base.filter { name, _ in !isReplaced(name, nerf: nerf) }
        environment["NPM_CONFIG_USERCONFIG"] = userConfigPath
        environment["npm_config_registry"] = RegistryURL(registry)?.withoutUserinfo ?? registry
        environment[variable] = credential.reveal()
        return environment
    }

    /// Whether a variable of the shell's is left out: a secret of tokensh's, or one npm would
    /// read in place of what exec sets. npm reads `npm_config_*` in any case, and the env layer
    /// outranks the user config: an inherited `npm_config_//HOST/:_authToken` would win.
    static func isReplaced(_ name: String, nerf: String?) -> Bool {
        // An outer exec's variable (a tokensh exec run inside another) is not passed on.
        if secretNames.contains(name) || name.hasPrefix(ExecUserConfig.variablePrefix) { return true }
        let lower = name.lowercased()
        guard lower.hasPrefix("npm_config_") else { return false }
        let key = String(name.dropFirst("npm_config_".count))
        if key.hasPrefix("//") {
            guard let nerf, key.hasPrefix(nerf + ":") else { return false }
            let setting = key.dropFirst(nerf.count + 1).lowercased()
            return ["_authtoken", "_auth", "_password", "username"].contains(setting)
        }
        return ["userconfig", "registry"].contains(key.lowercased())
    }
}
