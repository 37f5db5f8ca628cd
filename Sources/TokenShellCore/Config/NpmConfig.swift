#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// npm's configuration, resolved from its layers with the origin of every value.
///
/// It follows `@npmcli/config` 8.3.4 (npm 10.8.2): cli > env > project > user > global >
/// defaults, `npm_config_*` variables, `${VAR}` in keys and values, and the project file found
/// by walking up from the working folder. The builtin file inside npm's install is not read.
public struct NpmConfig: Sendable {
    /// npm's default registry.
    public static let defaultRegistry = "https://registry.npmjs.org/"

    /// The layers, lowest priority first (defaults … cli).
    public let layers: [ConfigLayer]
    /// The environment `${VAR}` references were replaced from.
    public let environment: [String: String]
    /// The user file (`--userconfig`, `NPM_CONFIG_USERCONFIG`, else `~/.npmrc`).
    public let userConfigPath: String
    /// The project file, or `nil` when it is skipped (it is the user file, or global mode).
    public let projectConfigPath: String?
    /// The folder npm treats as the project root.
    public let localPrefix: String
    /// The global file, when one is configured.
    public let globalConfigPath: String?
    /// The home folder paths were resolved against.
    public let home: String
    /// The working folder relative paths were resolved against.
    public let cwd: String

    /// Reads the layers. Missing files are empty layers; unreadable ones throw.
    public static func load(_ inputs: NpmConfigInputs, fileSystem: any ConfigFileSystem) throws -> NpmConfig {
        let env = inputs.environment
        let resolvePath = { (path: String) in ConfigPath.resolve(path, cwd: inputs.cwd, home: inputs.home) }

        let cli = ConfigLayer(
            source: .cli,
            values: inputs.cli.keys.sorted().compactMap { key in
                inputs.cli[key].map { parsedValue(key: key, value: $0, raw: nil, source: .cli, env: env) }
            })
        let envLayer = ConfigLayer(source: .env, values: environmentValues(env))

        let userPath = resolvePath(
            cli.value(forKey: "userconfig")?.value ?? envLayer.value(forKey: "userconfig")?.value
                ?? ConfigPath.join(inputs.home, ".npmrc"))

        let localPrefix =
            cli.value(forKey: "prefix").map { resolvePath($0.value) }
            ?? findLocalPrefix(from: ConfigPath.normalize(inputs.cwd), fileSystem: fileSystem)
        let isGlobalMode = [cli, envLayer].contains { layer in
            layer.value(forKey: "global")?.value == "true" || layer.value(forKey: "location")?.value == "global"
        }
        let candidateProject = ConfigPath.join(localPrefix, ".npmrc")
        let projectPath: String? = (isGlobalMode || candidateProject == userPath) ? nil : candidateProject
        let project = try projectPath.map { try fileLayer(.project, path: $0, env: env, fileSystem: fileSystem) }
        let user = try fileLayer(.user, path: userPath, env: env, fileSystem: fileSystem)

        let globalSetting = [cli, envLayer, project, user].lazy.compactMap { $0?.value(forKey: "globalconfig") }
            .first
        let globalPath = globalSetting.map { resolvePath($0.value) } ?? inputs.defaultGlobalConfigPath
        let global = try globalPath.map { try fileLayer(.global, path: $0, env: env, fileSystem: fileSystem) }

        let defaults = ConfigLayer(
            source: .defaults,
            values: [
                ConfigValue(key: "registry", value: defaultRegistry, source: .defaults),
                ConfigValue(key: "strict-ssl", value: "true", source: .defaults),
                ConfigValue(key: "fetch-timeout", value: "300000", source: .defaults),
            ])
        let layers = [defaults, global, user, project, envLayer, cli].compactMap { $0 }
        return NpmConfig(
            layers: layers, environment: env, userConfigPath: userPath, projectConfigPath: projectPath,
            localPrefix: localPrefix, globalConfigPath: globalPath, home: inputs.home,
            cwd: ConfigPath.normalize(inputs.cwd))
    }

    /// The layer of a source, if it was loaded.
    public func layer(_ source: ConfigSource) -> ConfigLayer? {
        layers.first { $0.source == source }
    }

    /// The value npm uses for `key`, from the highest layer that sets it.
    public func value(forKey key: String) -> ConfigValue? {
        for layer in layers.reversed() {
            if let value = layer.value(forKey: key) {
                return value
            }
        }
        return nil
    }

    /// The configured default registry as written (npm's own view of it).
    public var configuredRegistry: String {
        value(forKey: "registry")?.value ?? Self.defaultRegistry
    }

    /// The default registry, normalised to end in `/` with a lower-case host.
    public var registry: String {
        RegistryURL.normalize(configuredRegistry) ?? configuredRegistry
    }

    /// The registry for a scope (`@scope:registry`), else the default registry; normalised.
    public func registry(forScope scope: String?) -> String {
        guard let scope, !scope.isEmpty else { return registry }
        let name = scope.hasPrefix("@") ? scope : "@" + scope
        guard let scoped = value(forKey: name + ":registry")?.value else { return registry }
        return RegistryURL.normalize(scoped) ?? scoped
    }

    /// `fetch-timeout` in milliseconds (npm's default is five minutes); `nil` if not a number.
    public var fetchTimeoutMilliseconds: Int? {
        value(forKey: "fetch-timeout").flatMap { Int(IniCodec.jsTrim($0.value)) }
    }

    /// `strict-ssl`: verify TLS certificates (default `true`; only `false` turns it off).
    public var strictSSL: Bool {
        value(forKey: "strict-ssl")?.value != "false"
    }

    /// `cafile`, resolved to an absolute path, if set.
    public var cafile: String? {
        guard let configured = value(forKey: "cafile"), !configured.value.isEmpty, configured.value != "null"
        else { return nil }
        return ConfigPath.resolve(configured.value, cwd: cwd, home: home)
    }

    // MARK: - Loading

    static func parsedValue(key: String, value: String, raw: String?, source: ConfigSource, env: [String: String])
        -> ConfigValue
    {
        let trimmed = IniCodec.jsTrim(value)
        let coerced = ["true", "false", "null", "undefined"].contains(trimmed)
        return ConfigValue(
            key: EnvInterpolation.expand(key, environment: env),
            value: coerced ? trimmed : EnvInterpolation.expand(trimmed, environment: env),
            rawValue: raw, source: source)
    }

    /// `loadEnv`: `npm_config_*` (any case), non-empty; lower-cased with `_` → `-` except a
    /// leading `_`; `//…` keys verbatim.
    static func environmentValues(_ env: [String: String]) -> [ConfigValue] {
        let prefix = "npm_config_"
        var values: [ConfigValue] = []
        for name in env.keys.sorted() {
            guard let value = env[name], !value.isEmpty, name.count > prefix.count,
                name.prefix(prefix.count).lowercased() == prefix
            else { continue }
            var key = String(name.dropFirst(prefix.count))
            if !key.hasPrefix("//") {
                let leading = key.prefix { $0 == "_" }.isEmpty ? "" : "_"
                key = leading + key.dropFirst(leading.count).replacingUnderscores().lowercased()
            }
            values.append(parsedValue(key: key, value: value, raw: nil, source: .env, env: env))
        }
        return values
    }

    static func fileLayer(
        _ source: ConfigSource, path: String, env: [String: String], fileSystem: any ConfigFileSystem
    ) throws -> ConfigLayer {
        guard let text = try fileSystem.contents(atPath: path) else {
            return ConfigLayer(source: source, path: path, exists: false, values: [])
        }
        let document = NpmrcDocument(parsing: text)
        let values = document.globalValues.map { entry in
            var value = parsedValue(key: entry.key, value: entry.value, raw: entry.rawValue, source: source, env: env)
            value.path = path
            return value
        }
        return ConfigLayer(source: source, path: path, exists: true, document: document, values: values)
    }

    /// The nearest folder from `cwd` up that holds `package.json` or a `node_modules` folder.
    static func findLocalPrefix(from cwd: String, fileSystem: any ConfigFileSystem) -> String {
        var folder: String? = cwd
        while let current = folder {
            if fileSystem.fileExists(atPath: ConfigPath.join(current, "package.json"))
                || fileSystem.isDirectory(atPath: ConfigPath.join(current, "node_modules"))
            {
                return current
            }
            folder = ConfigPath.parent(of: current)
        }
        return cwd
    }
}

extension StringProtocol {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
