/// Which typed lines may be kept in the persistent history (design §8).
///
/// History files outlive sessions and get copied between machines, so the rule errs on the
/// side of forgetting: anything shaped like a credential, anything holding a secret this
/// session has seen, space-prefixed lines (the shells' "don't remember this" convention) and
/// lines that tried to pass a secret as a flag.
public struct HistoryPolicy: Sendable {
    /// Every secret noted so far; it only grows during a session.
    public private(set) var secrets: Set<String> = []

    public init() {}

    /// Remembers a secret (password, OTP, token) so no line containing it is ever kept.
    public mutating func noteSecret(_ secret: Secret) {
        let value = secret.reveal()
        if !value.isEmpty { secrets.insert(value) }
    }

    public func allows(_ line: String) -> Bool {
        if line.isEmpty || line.first == " " || line.first == "\t" { return false }
        if line.trimmingWhitespace().isEmpty { return false }
        if line.contains("--password") || line.contains("--otp") { return false }
        if SecretPatterns.containsCredentialShape(line) { return false }
        // A URL with userinfo (`https://user:password@host/`) carries a credential.
        if RegistryURL.redact(line) != line { return false }
        return !secrets.contains { line.contains($0) }
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return self[first...last]
    }
}
