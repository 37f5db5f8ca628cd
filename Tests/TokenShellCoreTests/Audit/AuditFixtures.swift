@testable import TokenShellCore

/// Tokens and sources for the audit tests; the tokens are well-formed but were never issued.
enum AuditFixtures {
    /// `npm_` + `random` (30 characters) + its CRC32 tail.
    static func token(_ random: String) -> String {
        "npm_" + random + NpmToken.checksum(ofRandomPart: random)
    }

    static let tokenA = token("AAAAbbbbCCCCddddEEEEffffGGGGhh")
    static let tokenB = token("ZZZZyyyyXXXXwwwwVVVVuuuuTTTTss")

    static func source(_ path: String, _ location: AuditSource.Location, _ text: String, mode: UInt32? = nil)
        -> AuditSource
    {
        AuditSource(path: path, location: location, text: text, mode: mode)
    }
}
