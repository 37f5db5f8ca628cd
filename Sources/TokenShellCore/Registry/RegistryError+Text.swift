extension RegistryError {
    /// Lower-case, one line: what happened, with the registry's own text where there is one.
    public var message: String {
        switch self {
        case .transport(let error): error.message
        case .http(let status, let method, let url, let text):
            "the registry answered \(status) \(Self.reason(status)) to \(method) \(url)" + Self.suffix(text)
        case .authentication(let failure, let text):
            Self.authenticationMessage(failure) + Self.suffix(text)
        case .sessionExpired(let text):
            "your login session has expired: npm login sessions last 2 hours (registry: \(text))"
        case .otpRequired(.web(let authURL, _), let text):
            "this operation needs a one-time password: approve it at \(authURL)" + Self.suffix(text)
        case .otpRequired(.code, let text): "this operation needs a one-time password" + Self.suffix(text)
        case .otpRejected(let text): "the registry refused the one-time password" + Self.suffix(text)
        case .missingOTP: "a one-time password is needed and there is no terminal to ask for one"
        case .notApproved(let seconds):
            "nobody approved the one-time password in the browser within \(BrowserApproval.describe(seconds))"
        case .noSuchUser(let name): "there is no user named \"\(name)\" on this registry"
        case .tokenAPIUnavailable(let registry, let status):
            "\(registry) does not offer the npm token API (it answered \(status) on -/npm/v1/tokens)"
        case .notLoggedIn(let registry): "not logged in to \(registry)"
        case .invalidResponse(let detail): "invalid response from the registry: \(detail)"
        case .usage(let text, _): text
        case .ambiguousTokenID(let id, let matches):
            "token id \"\(id)\" is ambiguous: it matches \(matches) tokens"
        case .unknownTokenID(let id): "unknown token id or value \"\(id)\""
        }
    }

    /// What to do next.
    public var hint: String? {
        switch self {
        case .transport(.cancelled): nil
        case .transport(.invalidURL): "give the registry as a full URL, e.g. `registry https://registry.npmjs.org/`"
        case .transport(.tls):
            "check the registry URL and the system's CA certificates; `ping` tests the connection"
        case .transport(.responseTooLarge): "the registry sent far more than expected; check the registry URL"
        case .transport(.crossOriginRedirect):
            "a password, one-time password or token goes only to the registry's own origin; if the other "
                + "origin is the real registry, use its URL as the registry"
        case .transport: "check the registry URL (`registry`) and the network, then try `ping`"
        case .http(let status, _, _, _): Self.statusHint(status)
        case .authentication(.invalidToken, _): "the token is invalid, revoked or expired; run `login` again"
        case .authentication(.wrongPassword, _):
            "check the username and password and try again;"
                + " a forgotten npmjs password is reset at https://www.npmjs.com/forgot"
        case .authentication(.ipAddressRefused, _):
            "the token's allowed IP ranges do not include this machine;"
                + " use it from an allowed network or create a token without that restriction"
        case .authentication: "run `login` to get fresh credentials"
        case .sessionExpired:
            "run `login` to start a new session; for long jobs create a granular token with `token create`"
        case .otpRequired:
            "run at a terminal to be asked for the code, or set TOKENSH_OTP (one code)"
                + " or TOKENSH_OTP_COMMAND (a command printing a fresh code)"
        case .otpRejected:
            "codes change every 30 seconds and work once;"
                + " check the authenticator's clock and try again with a fresh code"
        case .missingOTP:
            "set TOKENSH_OTP to a current code, or TOKENSH_OTP_COMMAND to a command printing one, or run at a terminal"
        case .notApproved: "run the command again and approve it at the address it shows"
        case .noSuchUser: "check the username, or create the account on the registry's website"
        case .tokenAPIUnavailable:
            "manage tokens on the registry's website; token commands need a registry"
                + " with the npm token API (registry.npmjs.org, Verdaccio)"
        case .notLoggedIn: "run `login` first, or set TOKENSH_TOKEN to an existing token"
        case .invalidResponse: "check that the registry URL points at an npm registry, then try `ping`"
        case .usage(_, let hint): hint
        case .ambiguousTokenID: "give more characters of the id; `token list` shows them"
        case .unknownTokenID: "run `token list` to see the ids of your tokens"
        }
    }

    static func suffix(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return ": " + text
    }

    static func authenticationMessage(_ failure: AuthenticationFailure) -> String {
        switch failure {
        case .invalidToken: "the registry refused the token"
        case .wrongPassword: "incorrect or missing password"
        case .ipAddressRefused: "login is not allowed from this ip address"
        case .unsupportedScheme(let scheme): "unable to authenticate, the registry needs: \(scheme)"
        case .unspecified: "the registry refused the credentials"
        }
    }

    static func statusHint(_ status: Int) -> String? {
        switch status {
        case 401: "run `login` to get fresh credentials"
        case 403: "the credentials lack permission for this; `whoami` shows who they belong to"
        case 404: "check the registry URL (`registry`); the registry does not know this address"
        case 429: "the registry is rate limiting; wait a minute and try again"
        case 500...599: "the registry had a problem; try again later, `ping` shows when it answers"
        default: nil
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "bad request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not found"
        case 405: "method not allowed"
        case 409: "conflict"
        case 422: "unprocessable entity"
        case 429: "too many requests"
        case 500: "internal server error"
        case 502: "bad gateway"
        case 503: "service unavailable"
        case 504: "gateway timeout"
        default: status >= 500 ? "server error" : "error"
        }
    }
}
