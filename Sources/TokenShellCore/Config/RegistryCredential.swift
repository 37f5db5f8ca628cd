#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A credential found in the config for a registry, and exactly where it came from.
///
/// The origin matters: `logout` must remove the credential from the file that supplied it,
/// and `config list`/`audit` must say which file holds a secret.
public struct RegistryCredential: Sendable, Equatable {
    /// What kind of credential it is.
    public enum Kind: Sendable, Equatable {
        /// `:_authToken`, sent as `Authorization: Bearer`.
        case token(Secret)
        /// `:_auth`, base64 `user:password`, sent as is with `Basic`.
        case auth(Secret)
        /// `:username` plus `:_password` (stored base64), sent as `Basic`.
        case usernamePassword(username: String, password: Secret)
        /// `:certfile` plus `:keyfile` only: a TLS client certificate, no header.
        case clientCertificate(certfile: String, keyfile: String)
    }

    public var kind: Kind
    /// The nerf dart the credential is keyed under, e.g. `//127.0.0.1:4873/sub/`.
    public var nerfDart: String
    /// The key that supplied it, e.g. `//127.0.0.1:4873/sub/:_authToken`.
    public var key: String
    /// The layer it came from.
    public var source: ConfigSource
    /// The file, for file layers.
    public var path: String?
    /// The value came from a `${VAR}` reference in the file.
    public var isInterpolated: Bool
    /// A `${VAR}` reference that was left unreplaced because the variable is unset: npm would
    /// send the literal text as the token and get a confusing 401.
    public var unresolvedReference: String?
    /// `_password` is not base64 as npm stores it: npm (and tokensh, as npm does) decodes it to
    /// something else than the password, and the registry refuses the login.
    public var passwordIsNotBase64 = false

    public init(
        kind: Kind, nerfDart: String, key: String, source: ConfigSource, path: String?, isInterpolated: Bool = false,
        unresolvedReference: String? = nil
    ) {
        self.kind = kind
        self.nerfDart = nerfDart
        self.key = key
        self.source = source
        self.path = path
        self.isInterpolated = isInterpolated
        self.unresolvedReference = unresolvedReference
    }

    /// The `Authorization` header value (`Bearer …` or `Basic …`), or `nil` for a client
    /// certificate alone.
    public var authorizationHeader: Secret? {
        switch kind {
        case .token(let token):
            return Secret("Bearer " + token.reveal())
        case .auth(let auth):
            return Secret("Basic " + auth.reveal())
        case .usernamePassword(let username, let password):
            let pair = Data((username + ":" + password.reveal()).utf8).base64EncodedString()
            return Secret("Basic " + pair)
        case .clientCertificate:
            return nil
        }
    }

    /// The password of Basic credentials (`_password`, or what follows the first `:` of the
    /// decoded `_auth`): a secret of its own, which may be typed or shown apart from the pair.
    public var basicPassword: Secret? {
        switch kind {
        case .usernamePassword(_, let password): return password
        case .auth(let auth):
            guard let data = Data(base64Encoded: auth.reveal()), let text = String(data: data, encoding: .utf8),
                let colon = text.firstIndex(of: ":")
            else { return nil }
            return Secret(String(text[text.index(after: colon)...]))
        case .token, .clientCertificate: return nil
        }
    }

    /// The token, for token credentials.
    public var token: Secret? {
        if case .token(let token) = kind { return token }
        return nil
    }

    /// The user name when it is known locally (`username`, or the part of `_auth` before `:`),
    /// which is how npm's `whoami` answers without a request.
    public var localUsername: String? {
        switch kind {
        case .usernamePassword(let username, _):
            return username
        case .auth(let auth):
            guard let data = Data(base64Encoded: auth.reveal()), let text = String(data: data, encoding: .utf8),
                let colon = text.firstIndex(of: ":")
            else { return nil }
            return String(text[..<colon])
        case .token, .clientCertificate:
            return nil
        }
    }
}
