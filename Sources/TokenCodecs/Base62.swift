/// Base62 with the alphabet `0-9A-Za-z`, the encoding of npm token bodies and checksums.
public enum Base62 {
    /// The 62 symbols in value order.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// Encodes `value` and left-pads it with `0` to `width` characters.
    public static func encode(_ value: UInt64, width: Int) -> String {
        var digits: [Character] = []
        var rest = value
        repeat {
            digits.append(alphabet[Int(rest % 62)])
            rest /= 62
        } while rest > 0
        while digits.count < width { digits.append("0") }
        return String(digits.reversed())
    }

    /// Whether `character` is one of the 62 symbols.
    public static func contains(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}
