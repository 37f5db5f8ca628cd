#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension NpmConfig {
    /// The credential npm's `getCredentialsByURI` finds for a registry: the exact nerf-dart key
    /// only (`whoami`, `token` commands). A token wins over `username`+`_password`, then `_auth`;
    /// a certificate pair alone is reported as such.
    public func credential(forRegistry registry: String) -> RegistryCredential? {
        guard let nerf = RegistryURL.nerfDart(of: registry) else { return nil }
        return credential(under: nerf, preferAuthOverPassword: false)
    }

    /// The credential npm-registry-fetch sends with a request to `url` (`lib/auth.js`): walks
    /// the key up from `//host/full/path` to `//host`, first key with any credential wins;
    /// failing that, the registry's own credential when the URL is on the registry's host.
    ///
    /// - Parameter registry: the registry in use (a scope's one, say); the default if `nil`.
    public func credential(forRequestURL url: String, registry: String? = nil) -> RegistryCredential? {
        if let found = walkUp(url) {
            return found
        }
        let registry = registry ?? configuredRegistry
        guard url != registry, let request = RegistryURL(url), let home = RegistryURL(registry),
            request.hostAndPort == home.hostAndPort
        else { return nil }
        return walkUp(registry)
    }

    /// What `npm logout` would remove, and from which layer: the credential it would send to
    /// the registry (scope's registry with a scope), the file that holds it, and the nerf darts
    /// to clear there. `nil` when there is no credential (npm's `ENEEDAUTH`).
    ///
    /// npm clears only the registry's own nerf dart, even when the credential was found further
    /// up (`//host/` for `//host/sub/`), which leaves that credential behind; tokensh clears the
    /// key that supplied it as well.
    public func logoutPlan(registry: String? = nil, scope: String? = nil) -> CredentialRemoval? {
        let target = registry ?? self.registry(forScope: scope)
        guard let found = credential(forRequestURL: target, registry: target),
            let nerf = RegistryURL.nerfDart(of: target)
        else { return nil }
        var nerfDarts = [nerf]
        if found.nerfDart != nerf {
            nerfDarts.append(found.nerfDart)
        }
        let isDefault = RegistryURL.nerfDart(of: configuredRegistry) == nerf
        return CredentialRemoval(
            registry: target, credential: found, nerfDarts: nerfDarts, isDefaultRegistry: isDefault,
            scope: scope.map { $0.hasPrefix("@") ? $0 : "@" + $0 })
    }

    // MARK: - Lookup

    private func walkUp(_ url: String) -> RegistryCredential? {
        guard let parsed = RegistryURL(url) else { return nil }
        var key = "//" + parsed.hostAndPort + parsed.path
        while key.count > 2 {
            if let found = credential(under: key, preferAuthOverPassword: true) {
                return found
            }
            if key.hasSuffix("/") {
                key.removeLast()
            } else {
                let cut = key.lastIndex(of: "/").map { key.index(after: $0) } ?? key.startIndex
                key = String(key[..<cut])
            }
        }
        return nil
    }

    /// The credential keyed under one nerf dart. npm-registry-fetch checks `_auth` before
    /// `username`; `getCredentialsByURI` checks `username` first.
    private func credential(under nerf: String, preferAuthOverPassword: Bool) -> RegistryCredential? {
        func setting(_ name: String) -> ConfigValue? {
            guard let found = value(forKey: nerf + ":" + name), Self.isTruthy(found.value) else { return nil }
            return found
        }
        func make(_ kind: RegistryCredential.Kind, _ from: ConfigValue) -> RegistryCredential {
            let unresolved = EnvInterpolation.references(in: from.value).first.map { "${" + $0 + "}" }
            return RegistryCredential(
                kind: kind, nerfDart: nerf, key: from.key, source: from.source, path: from.path,
                isInterpolated: from.isInterpolated, unresolvedReference: unresolved)
        }
        if let token = setting("_authToken") {
            return make(.token(Secret(token.value)), token)
        }
        let auth = setting("_auth").map { make(.auth(Secret($0.value)), $0) }
        var password: RegistryCredential?
        if let username = setting("username"), let encoded = setting("_password") {
            let decoded = Self.decodeBase64(encoded.value)
            password = make(.usernamePassword(username: username.value, password: Secret(decoded)), username)
            password?.passwordIsNotBase64 = !Self.isBase64(encoded.value)
        }
        if let found = preferAuthOverPassword ? (auth ?? password) : (password ?? auth) {
            return found
        }
        if let certfile = setting("certfile"), let keyfile = setting("keyfile") {
            return make(.clientCertificate(certfile: certfile.value, keyfile: keyfile.value), certfile)
        }
        return nil
    }

    /// JavaScript truthiness of a parsed config value.
    static func isTruthy(_ value: String) -> Bool {
        !(value.isEmpty || value == "false" || value == "null" || value == "undefined")
    }

    /// Whether `value` is base64 of UTF-8 text, as `npm login` writes `_password` (a password
    /// pasted there as it is usually is not).
    static func isBase64(_ value: String) -> Bool {
        guard !value.isEmpty, value.count % 4 == 0, let data = Data(base64Encoded: value) else { return false }
        return String(validating: data, as: UTF8.self) != nil
    }

    /// `Buffer.from(value, 'base64')`, which ignores what it cannot read.
    static func decodeBase64(_ value: String) -> String {
        var cleaned = String(value.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "+/-_".contains($0)) })
        cleaned = cleaned.replacing("-", with: "+").replacing("_", with: "/")
        while cleaned.count % 4 != 0 {
            cleaned += "="
        }
        guard let data = Data(base64Encoded: cleaned) else { return value }
        return String(decoding: data, as: UTF8.self)
    }
}

/// What a logout removes: the credential found for a registry and the layer that holds it.
public struct CredentialRemoval: Sendable, Equatable {
    /// The registry logged out of.
    public var registry: String
    /// The credential that would be sent (and, for a token, revoked on the registry first).
    public var credential: RegistryCredential
    /// The nerf darts whose credential keys are cleared in that layer.
    public var nerfDarts: [String]
    /// The registry is the default one: bare legacy keys (`_authToken`, `_auth`, …) go too.
    public var isDefaultRegistry: Bool
    /// With `--scope`, its `@scope:registry` line goes too.
    public var scope: String?

    /// The layer that supplied the credential.
    public var source: ConfigSource { credential.source }
    /// Its file, when it is a file layer.
    public var path: String? { credential.path }
    /// Only a file can be edited; a credential from the environment or the command line cannot.
    public var isEditable: Bool { credential.source.isFile && credential.path != nil }

    public init(
        registry: String, credential: RegistryCredential, nerfDarts: [String], isDefaultRegistry: Bool,
        scope: String?
    ) {
        self.registry = registry
        self.credential = credential
        self.nerfDarts = nerfDarts
        self.isDefaultRegistry = isDefaultRegistry
        self.scope = scope
    }
}
