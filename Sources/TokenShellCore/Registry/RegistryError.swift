/// Everything the registry API can fail with, each with an exit status, a message and a hint.
///
/// Cases carry facts (status, the registry's own text) rather than prose, so the shell can
/// react to them (offer `login` on `.sessionExpired`, fall back on `.otpRequired`) and one
/// renderer can print any of them through `shellError`. No case ever holds a secret.
public enum RegistryError: Error, Sendable, Equatable {
    /// No HTTP reply: refused, timed out, interrupted, TLS.
    case transport(TransportError)
    /// A non-2xx reply with no more specific meaning.
    case http(status: Int, method: String, url: String, registryMessage: String?)
    /// A 401 that is not about an OTP or an expired session.
    case authentication(AuthenticationFailure, registryMessage: String?)
    /// A 401 whose text starts with `session expired`: npm login sessions last 2 hours.
    case sessionExpired(registryMessage: String)
    /// The registry wants a one-time password and nobody supplied one.
    case otpRequired(OTPChallenge, registryMessage: String?)
    /// A one-time password was sent and the registry still refused it.
    case otpRejected(registryMessage: String?)
    /// An OTP was needed but there is no terminal and neither `TOKENSH_OTP` nor `TOKENSH_OTP_COMMAND`.
    case missingOTP
    /// A web one-time password nobody approved in the browser within this many seconds.
    case notApproved(seconds: Double)
    /// Couch login answered 400: the account does not exist.
    case noSuchUser(String)
    /// The registry has no npm token API (404 or 405 on `-/npm/v1/tokens`).
    case tokenAPIUnavailable(registry: String, status: Int)
    /// The operation needs credentials and the client has none.
    case notLoggedIn(registry: String)
    /// The registry answered, but not with what the protocol promises.
    case invalidResponse(String)
    /// A bad argument, found before any request.
    case usage(String, hint: String?)
    /// A token id prefix that matches more than one listed token.
    case ambiguousTokenID(String, matches: Int)
    /// A token id, name or value that matches no listed token.
    case unknownTokenID(String)

    /// The exit status of `-c`, scripts and piped input (design §3).
    public var status: ExitStatus {
        switch self {
        case .transport(let error):
            switch error {
            case .cancelled: .interrupted
            case .connectionRefused, .timedOut, .tls, .other: .unreachable
            case .invalidURL: .usage
            case .responseTooLarge, .crossOriginRedirect: .failure
            }
        case .http(let status, _, _, _): status == 401 ? .authentication : .failure
        case .authentication, .sessionExpired, .otpRequired, .otpRejected, .notLoggedIn: .authentication
        case .missingOTP, .usage, .ambiguousTokenID, .unknownTokenID: .usage
        case .notApproved, .noSuchUser, .tokenAPIUnavailable, .invalidResponse: .failure
        }
    }

    /// A stable code for `--json` errors, close to npm's own (`E401`, `EOTP`, `EAUTHIP`).
    public var code: String {
        switch self {
        case .transport(let error):
            switch error {
            case .cancelled: "EINTR"
            case .timedOut: "ETIMEDOUT"
            case .connectionRefused: "ECONNREFUSED"
            case .tls: "ETLS"
            case .invalidURL: "EINVALIDURL"
            case .responseTooLarge: "ETOOLARGE"
            case .crossOriginRedirect: "ECROSSORIGIN"
            case .other: "EUNREACHABLE"
            }
        case .http(let status, _, _, _): "E\(status)"
        case .authentication(.ipAddressRefused, _): "EAUTHIP"
        case .authentication: "E401"
        case .sessionExpired: "ESESSIONEXPIRED"
        case .otpRequired, .otpRejected: "EOTP"
        case .missingOTP: "EMISSINGOTP"
        case .notApproved: "ENOTAPPROVED"
        case .noSuchUser: "ENOUSER"
        case .tokenAPIUnavailable: "ENOTOKENAPI"
        case .notLoggedIn: "ENEEDAUTH"
        case .invalidResponse: "EINVALIDRESPONSE"
        case .usage: "EUSAGE"
        case .ambiguousTokenID: "EAMBIGUOUS"
        case .unknownTokenID: "ENOTOKEN"
        }
    }

    /// The error as the shell renders every error.
    public var shellError: ShellError { ShellError(status, message, hint: hint, code: code) }
}

extension RegistryError: CustomStringConvertible {
    public var description: String { message }
}
