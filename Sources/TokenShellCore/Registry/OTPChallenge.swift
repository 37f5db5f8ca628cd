/// What the registry asked for when it refused an operation for want of a one-time password.
public enum OTPChallenge: Sendable, Equatable {
    /// A code from an authenticator app (or a recovery code), sent back as `npm-otp`.
    case code
    /// A security-key user: approve at `authURL`, poll `doneURL` (as in web login); the token it
    /// returns is the one-time password.
    case web(authURL: String, doneURL: String)
}

/// Supplies one-time passwords when the registry challenges an operation.
///
/// The shell implements it: a prompt at a terminal, `TOKENSH_OTP`, `TOKENSH_OTP_COMMAND`, or
/// for `.web` showing the URL and polling with `RegistryClient.pollWebLogin(doneURL:)`. With no
/// way to answer it throws `RegistryError.missingOTP` (exit 2) rather than waiting.
public protocol OTPProvider {
    func oneTimePassword(for challenge: OTPChallenge) throws(RegistryError) -> Secret
}
