/// A refusal the registry sends as `{"error":…,"message":…}` with a status and maybe a challenge.
struct SandboxError: Error, Sendable, Equatable {
    var status: Int
    var message: String
    /// `WWW-Authenticate` value: `Bearer`, `OTP`, `Basic realm="npm"`, `ipaddress`.
    var challenge: String?
    /// npm-style error code in the body (`ESESSIONEXPIRED`, `EOTP`…).
    var code: String?
    /// Extra string fields for the body, e.g. the web OTP `authUrl`/`doneUrl`.
    var extra: [String: String] = [:]

    static func badRequest(_ message: String) -> SandboxError { SandboxError(status: 400, message: message) }
    static func forbidden(_ message: String) -> SandboxError { SandboxError(status: 403, message: message) }
    static func notFound(_ message: String = "Not found") -> SandboxError {
        SandboxError(status: 404, message: message)
    }
    static func badToken(_ message: String = "bad or revoked token") -> SandboxError {
        SandboxError(status: 401, message: message, challenge: "Bearer")
    }
    static let wrongPassword = SandboxError(
        status: 401, message: "incorrect username or password", challenge: "Basic realm=\"npm\"")
    static let otpRequired = SandboxError(
        status: 401, message: "OTP required for authentication", challenge: "OTP", code: "EOTP")
    static let cidrMismatch = SandboxError(
        status: 401, message: "this token is not allowed from your IP address", challenge: "ipaddress", code: "EAUTHIP")
    static let tokenExpired = SandboxError(status: 401, message: "token expired", challenge: "Bearer")
    static let authenticationRequired = SandboxError(
        status: 401, message: "authentication required: log in or use a token", challenge: "Bearer")

    static func sessionExpired(ttlSeconds: Int) -> SandboxError {
        let lifetime = ttlSeconds % 3600 == 0 ? "\(ttlSeconds / 3600) hours" : "\(ttlSeconds) seconds"
        return SandboxError(
            status: 401, message: "session expired: login sessions last \(lifetime); log in again",
            challenge: "Bearer", code: "ESESSIONEXPIRED")
    }
}
