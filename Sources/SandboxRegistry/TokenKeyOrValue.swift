import TokenCodecs

/// Revoke and logout URLs carry either a token's sha512 key or the token itself.
enum TokenKeyOrValue {
    /// The key: the text itself when it already is a 128-hex key, else the key of the token.
    static func key(_ text: String) -> String {
        let isKey = text.count == 128 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        return isKey ? text : TokenKey.key(for: text)
    }
}
