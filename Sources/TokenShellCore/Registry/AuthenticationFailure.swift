/// Why a 401 was not about a one-time password or an expired session.
public enum AuthenticationFailure: Sendable, Equatable {
    /// `WWW-Authenticate: Bearer`: the token is bad, revoked or expired.
    case invalidToken
    /// `WWW-Authenticate: Basic`: the password (or username) is wrong.
    case wrongPassword
    /// `WWW-Authenticate: ipaddress`: the token's CIDR list does not admit this address.
    case ipAddressRefused
    /// Any other `WWW-Authenticate` scheme the registry needs, e.g. `Negotiate`.
    case unsupportedScheme(String)
    /// A 401 with no `WWW-Authenticate` header.
    case unspecified
}
