/// The npm access-token format: `npm_` + 30 random Base62 characters + a 6-character Base62 CRC32.
///
/// Generation lives here so the sandbox mints tokens that look and check like npmjs's, and the
/// shell, the audit and the history filter recognise them with the same rules.
public enum NpmToken {
    /// `npm_`, which makes a double-click select the whole token.
    public static let prefix = "npm_"
    /// Random Base62 characters after the prefix.
    public static let randomLength = 30
    /// Base62 characters of the CRC32 tail.
    public static let checksumLength = 6
    /// Total length: 40.
    public static let length = 40

    /// A fresh token drawn from `generator` (use a cryptographically secure one outside tests).
    public static func generate<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        var body = ""
        body.reserveCapacity(randomLength)
        for _ in 0..<randomLength {
            body.append(Base62.alphabet[Int.random(in: 0..<62, using: &generator)])
        }
        return prefix + body + checksum(ofRandomPart: body)
    }

    /// A fresh token from the system's secure random source.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// The 6-character tail npm appends: CRC32 of the random part, Base62, zero-padded.
    public static func checksum(ofRandomPart randomPart: String) -> String {
        Base62.encode(UInt64(CRC32.checksum(Array(randomPart.utf8))), width: checksumLength)
    }

    /// Whether `text` has the shape `^npm_[A-Za-z0-9]{36}$` (what secret scanners match).
    public static func hasTokenShape(_ text: String) -> Bool {
        guard text.count == length, text.hasPrefix(prefix) else { return false }
        return text.dropFirst(prefix.count).allSatisfy(Base62.contains)
    }

    /// Whether a token-shaped `text` also carries a matching checksum.
    ///
    /// The checksum scheme is reverse-engineered, so a mismatch is only a hint (a typo, or a
    /// made-up example), never a reason to reject a token.
    public static func checksumMatches(_ text: String) -> Bool {
        guard hasTokenShape(text) else { return false }
        let body = text.dropFirst(prefix.count)
        let random = String(body.prefix(randomLength))
        return String(body.suffix(checksumLength)) == checksum(ofRandomPart: random)
    }

    /// The display form `npm_AbCd...WxYz`: enough to recognise a token, not enough to use it.
    ///
    /// Anything shorter than 16 characters is fully hidden as `***`.
    public static func masked(_ token: String) -> String {
        let characters = Array(token)
        guard characters.count >= 16 else { return "***" }
        let head = token.hasPrefix(prefix) ? prefix.count + 4 : 4
        return String(characters.prefix(head)) + "..." + String(characters.suffix(4))
    }
}
