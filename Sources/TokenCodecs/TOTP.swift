import Crypto

/// Time-based one-time passwords (RFC 6238 with HMAC-SHA1), as npm's authenticator-app 2FA uses.
///
/// Time comes in as a parameter so tests can use the RFC's vectors and a fake clock.
public struct TOTP: Sendable {
    /// The shared secret, raw bytes (authenticators show it Base32-encoded).
    public var secret: [UInt8]
    public var digits: Int
    /// Seconds per step.
    public var period: Int64

    public init(secret: [UInt8], digits: Int = 6, period: Int64 = 30) {
        self.secret = secret
        self.digits = digits
        self.period = period
    }

    /// The time step that `unixTime` falls in.
    public func step(at unixTime: Int64) -> Int64 {
        unixTime >= 0 ? unixTime / period : (unixTime - period + 1) / period
    }

    /// The code for one time step (RFC 4226 dynamic truncation), zero-padded to `digits`.
    public func code(forStep step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus = modulus &* 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The code valid at `unixTime`.
    public func code(at unixTime: Int64) -> String {
        code(forStep: step(at: unixTime))
    }

    /// The step `code` belongs to, within ±`window` steps of `unixTime`, or `nil`.
    ///
    /// Steps at or before `lastUsedStep` are refused, so each code works once (RFC 6238 §5.2).
    public func matchingStep(
        for candidateCode: String, at unixTime: Int64, window: Int64 = 1, lastUsedStep: Int64? = nil
    )
        -> Int64?
    {
        let cleaned = candidateCode.filter { $0 != " " }
        guard cleaned.count == digits, cleaned.allSatisfy(\.isASCII), cleaned.allSatisfy(\.isNumber) else {
            return nil
        }
        let now = step(at: unixTime)
        for candidate in (now - window)...(now + window) {
            if let lastUsedStep, candidate <= lastUsedStep { continue }
            if constantTimeEquals(code(forStep: candidate), cleaned) { return candidate }
        }
        return nil
    }

    private func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
