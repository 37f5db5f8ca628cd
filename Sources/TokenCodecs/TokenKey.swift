import Crypto

/// The registry's identifier for a token: the lowercase hex SHA-512 of the full token.
///
/// Registries store and list only this key, never the token, and revoking by key keeps
/// the secret out of URLs and access logs.
public enum TokenKey {
    public static func key(for token: String) -> String {
        SHA512.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
