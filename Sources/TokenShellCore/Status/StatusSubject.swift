/// One credential `status` reports on: the registry it is for, what is sent, and where it is kept.
public struct StatusSubject: Sendable {
    public var registry: String
    /// The config entry, for credentials that live in a file or `npm_config_*`.
    public var credential: RegistryCredential?
    /// Where it is kept, for people: a file, `TOKENSH_TOKEN`, this session.
    public var store: String
    public var sent: RegistryClient.Credential
    /// A login session kept outside the npm config (the keyring's accounts).
    public var isLogin = false

    /// The kind as far as it is known without asking the registry.
    public var localKind: String {
        switch sent {
        case .none: return "none"
        case .basic: return "basic"
        case .bearer(let token):
            let value = token.reveal()
            if value.hasPrefix(NpmToken.prefix) { return "token" }
            return SecretPatterns.containsUUID(value) ? "legacy" : "token"
        }
    }

    /// The key the registry lists this token under, for bearer tokens.
    public var tokenKey: String? {
        if case .bearer(let token) = sent { return TokenKey.key(for: token.reveal()) }
        return nil
    }
}

extension NpmConfig {
    /// The nerf darts (`//host/path/`) that hold a token or Basic credentials in any file or in
    /// `npm_config_*`, in the order npm's layers list them.
    public var credentialNerfDarts: [String] {
        var darts: [String] = []
        for layer in layers where layer.source != .defaults {
            for value in layer.values where value.key.hasPrefix("//") {
                for suffix in [":_authToken", ":_auth", ":_password"] where value.key.hasSuffix(suffix) {
                    let dart = String(value.key.dropLast(suffix.count))
                    if !darts.contains(dart) { darts.append(dart) }
                }
            }
        }
        return darts
    }

    /// The registry URL a nerf dart stands for: a configured registry (default or scoped) with
    /// that dart, else https (plain http for a loopback host, where local registries serve it).
    public func registry(forNerfDart dart: String) -> String {
        var candidates = [registry]
        for layer in layers {
            for value in layer.values where value.key.hasPrefix("@") && value.key.hasSuffix(":registry") {
                if let url = RegistryURL.normalize(value.value) { candidates.append(url) }
            }
        }
        if let match = candidates.first(where: { RegistryURL.nerfDart(of: $0) == dart }) { return match }
        let secure = RegistryURL.normalize("https:" + dart) ?? "https:" + dart
        if RegistryURL(secure)?.isLoopback == true { return RegistryURL.normalize("http:" + dart) ?? "http:" + dart }
        return secure
    }
}
