/// The environment variables that hold secrets (design §2), read in this one place: their
/// values are masked from the start, and no child process gets them (except the one `exec`
/// hands its credential to, under a name of its own).
public struct SecretVariables: Sendable {
    /// The account password, for logins and token creation without a prompt.
    public static let password = "TOKENSH_PASSWORD"
    /// One one-time password, used once.
    public static let otp = "TOKENSH_OTP"
    /// A command that prints a fresh one-time password (not a secret itself, but it makes them).
    public static let otpCommand = "TOKENSH_OTP_COMMAND"
    /// A token standing in for a login, lent for one run.
    public static let token = "TOKENSH_TOKEN"
    /// The vault's passphrase where there is no terminal to ask it at.
    public static let vaultPassphrase = "TOKENSH_VAULT_PASSPHRASE"

    /// The variables whose values are secrets.
    public static let valueNames = [password, otp, token, vaultPassphrase]
    /// What no child process inherits.
    public static let hiddenFromChildren: Set<String> = Set(valueNames + [otpCommand])

    private let environment: [String: String]

    public init(_ environment: [String: String]) { self.environment = environment }

    /// The variable's value as a secret; nil when unset or empty.
    public func value(_ name: String) -> Secret? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return Secret(value)
    }

    public func isSet(_ name: String) -> Bool { value(name) != nil }
}
