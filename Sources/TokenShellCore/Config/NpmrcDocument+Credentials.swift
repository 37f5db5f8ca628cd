/// Credential edits, key for key as npm's `login`/`logout` make them (`@npmcli/config`
/// `setCredentialsByURI`, `clearCredentialsByURI`), but in place instead of rewriting the file.
extension NpmrcDocument {
    /// Errors from credential edits.
    public enum EditError: Error, Sendable, Equatable {
        /// The registry is not an absolute URL, so it has no nerf dart.
        case invalidRegistry(String)
        /// A variable name that `${…}` cannot hold.
        case invalidVariableName(String)
    }

    /// Stores a token for a registry as `npm login` does in the user file: drops the old
    /// `_token`, `<nerf>:always-auth`, `<nerf>:email`, `<nerf>:_password` and `<nerf>:username`,
    /// and sets `<nerf>:_authToken` on exactly one line (older duplicates are stale tokens).
    /// Unlike npm it also drops `<nerf>:_auth`: with a token set npm never sends it, so it is
    /// only a password left in the file.
    public mutating func setToken(_ token: Secret, registry: String) throws(EditError) {
        let nerf = try Self.nerfDart(registry)
        remove("_token")
        remove(nerf + ":always-auth")
        remove(nerf + ":email")
        remove(nerf + ":_auth")
        setOnly(nerf + ":_authToken", to: token.reveal())
        remove(nerf + ":_password")
        remove(nerf + ":username")
    }

    /// Writes `<nerf>:_authToken=${VARIABLE}` (a project file's line: the token itself stays in
    /// the environment or the CI secret store), dropping password credentials for the registry.
    public mutating func setTokenReference(variable: String = "NPM_TOKEN", registry: String) throws(EditError) {
        let nerf = try Self.nerfDart(registry)
        guard !variable.isEmpty, variable.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
            variable.first?.isNumber == false
        else { throw .invalidVariableName(variable) }
        remove(nerf + ":always-auth")
        setOnly(nerf + ":_authToken", to: "${" + variable + "}")
        remove(nerf + ":_password")
        remove(nerf + ":username")
    }

    /// Points a scope at a registry (`@scope:registry=<url>`), as `npm login --scope` does.
    public mutating func setScopeRegistry(_ scope: String, registry: String) {
        let name = scope.hasPrefix("@") ? scope : "@" + scope
        set(name + ":registry", to: registry)
    }

    /// Removes the credentials of a logout from this file (the one that supplied them):
    /// each nerf dart's `_authToken`, `_auth`, `_password`, `username`, `email`, `certfile`,
    /// `keyfile`; for the default registry also the bare legacy keys (a nerfed email becomes
    /// the plain `email`, as npm keeps it); and `@scope:registry` with a scope.
    /// Returns the keys removed, in order.
    @discardableResult
    public mutating func removeCredentials(_ removal: CredentialRemoval) -> [String] {
        removeCredentials(
            nerfDarts: removal.nerfDarts, isDefaultRegistry: removal.isDefaultRegistry, scope: removal.scope)
    }

    /// The key-level form of ``removeCredentials(_:)``.
    @discardableResult
    public mutating func removeCredentials(nerfDarts: [String], isDefaultRegistry: Bool, scope: String? = nil)
        -> [String]
    {
        var removed: [String] = []
        func drop(_ key: String) {
            if remove(key) { removed.append(key) }
        }
        if let scope {
            drop((scope.hasPrefix("@") ? scope : "@" + scope) + ":registry")
        }
        for (index, nerf) in nerfDarts.enumerated() {
            if index == 0 && isDefaultRegistry {
                for key in ["-authtoken", "_authToken", "_authtoken", "_auth", "_password", "username"] {
                    drop(key)
                }
                if let email = value(forKey: nerf + ":email") {
                    set("email", to: email)
                }
            }
            for name in ["_authToken", "_auth", "_password", "username", "email", "certfile", "keyfile"] {
                drop(nerf + ":" + name)
            }
        }
        return removed
    }

    private static func nerfDart(_ registry: String) throws(EditError) -> String {
        guard let nerf = RegistryURL.nerfDart(of: registry) else { throw .invalidRegistry(registry) }
        return nerf
    }
}
