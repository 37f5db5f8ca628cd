import Crypto
import Foundation
import TokenCodecs

/// A password stored as PBKDF2-HMAC-SHA256 (RFC 8018), so a leaked state file does not leak passwords.
///
/// Implemented over `HMAC<SHA256>` because swift-crypto's PBKDF2 lives in `_CryptoExtras`, which
/// the package does not link.
public struct PasswordHash: Codable, Sendable, Equatable {
    /// OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600k; 100k keeps a debug-build login under a second.
    public static let defaultIterations = 100_000

    public var salt: String
    public var iterations: Int
    public var hash: String

    /// Hashes `password` with a fresh random salt.
    public static func make(_ password: Secret, iterations: Int) -> PasswordHash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let derived = derive(Array(password.reveal().utf8), salt: salt, iterations: iterations)
        return PasswordHash(
            salt: Data(salt).base64EncodedString(), iterations: iterations, hash: Data(derived).base64EncodedString())
    }

    /// Whether `password` is the one hashed, compared in constant time.
    public func verify(_ password: Secret) -> Bool {
        guard let salt = Data(base64Encoded: salt), let expected = Data(base64Encoded: hash) else { return false }
        let derived = PasswordHash.derive(Array(password.reveal().utf8), salt: Array(salt), iterations: iterations)
        guard derived.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(derived, expected) { difference |= left ^ right }
        return difference == 0
    }

    /// PBKDF2 with one 32-byte block (dkLen = hLen).
    static func derive(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        let keyed = HMAC<SHA256>(key: key)
        var first = keyed
        first.update(data: salt + [0, 0, 0, 1])
        var block = Array(first.finalize())
        var result = block
        for _ in 1..<max(iterations, 1) {
            var round = keyed
            round.update(data: block)
            block = Array(round.finalize())
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }
}
