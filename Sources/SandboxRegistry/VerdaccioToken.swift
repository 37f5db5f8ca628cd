import Foundation

/// Tokens as Verdaccio issues them in its default (`security.api.legacy`) mode: not `npm_`
/// tokens but base64 of `IV:CIPHERTEXT` in hex (AES of `user:password`), and, for tokens made
/// with `POST /-/npm/v1/tokens`, a separate random hex `key` that lists and revokes use.
///
/// The sandbox keeps only the sha512 of the value, as for every flavour; the value here is
/// random bytes in Verdaccio's shape, not an encryption of anything.
enum VerdaccioToken {
    /// A new token value in Verdaccio's legacy shape. The lengths are chosen so the base64 text
    /// has no `=` padding (108 characters), as most of Verdaccio's do.
    static func generate() -> String {
        let text = hex(byteCount: 16) + ":" + hex(byteCount: 24)
        return Data(text.utf8).base64EncodedString()
    }

    /// Verdaccio's `key` for a generated token: 16 random bytes in hex (`generateRandomHexString(16)`).
    static func newKey() -> String { hex(byteCount: 16) }

    /// How Verdaccio lists a token: `mask(token, 5)`, the first and last five characters.
    static func masked(_ value: String) -> String {
        String(value.prefix(5)) + "..." + String(value.suffix(5))
    }

    private static func hex(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String(
            (0..<byteCount).flatMap { _ -> [Character] in
                let byte = UInt8.random(in: 0...255, using: &generator)
                return [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]]
            })
    }
}
