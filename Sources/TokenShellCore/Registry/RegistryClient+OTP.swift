extension RegistryClient {
    /// npm's `otplease`: runs `operation` without an OTP; if the registry asks for one, gets it
    /// from `provider` and runs it once more with the code.
    ///
    /// A second challenge means the code was wrong or stale: `.otpRejected` (exit 3). Without a
    /// provider a challenge is fatal (`.otpRequired`), as for npm's unwrapped commands. npm wraps
    /// couch login, token create and token revoke; not list, whoami, logout or ping.
    public func withOTP<T>(
        provider: (any OTPProvider)?,
        _ operation: (Secret?) throws(RegistryError) -> T
    ) throws(RegistryError) -> T {
        let challenge: OTPChallenge
        let provided: any OTPProvider
        do {
            return try operation(nil)
        } catch {
            guard case .otpRequired(let asked, let text) = error else { throw error }
            guard let provider else { throw .otpRequired(asked, registryMessage: text) }
            challenge = asked
            provided = provider
        }
        let otp = try provided.oneTimePassword(for: challenge)
        do {
            return try operation(otp)
        } catch {
            guard case .otpRequired(_, let text) = error else { throw error }
            throw .otpRejected(registryMessage: text)
        }
    }
}
