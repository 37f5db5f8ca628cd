/// An account as the sandbox keeps it: a password hash and the second factor, never the password.
struct SandboxUser: Codable, Sendable {
    var name: String
    var email: String
    var password: PasswordHash
    var secondFactor: SandboxConfiguration.User.SecondFactor
    /// Base32 TOTP secret for `.otp` accounts.
    var totpSecret: String?
    /// The last TOTP step accepted, so each code works once.
    var lastTOTPStep: Int64?
    /// CouchDB-style document revision, bumped on each login through the `-rev` path.
    var revision: Int
}
