/// Shapes of credentials that must never be stored in history, scripts or logs.
///
/// Matching is a hand-written scan rather than `Regex`: it runs on every history line and
/// every audited file, and stays cheap on start-up.
public enum SecretPatterns {
    /// `npm_` followed by 36 base62 characters, not part of a longer word.
    public static func npmTokens(in text: String) -> [Substring] {
        var found: [Substring] = []
        var index = text.startIndex
        while let range = text[index...].firstRange(of: "npm_") {
            let bodyStart = range.upperBound
            var end = bodyStart
            var count = 0
            while end < text.endIndex, isBase62(text[end]) {
                count += 1
                end = text.index(after: end)
            }
            let precededByWord =
                range.lowerBound > text.startIndex && isWordCharacter(text[text.index(before: range.lowerBound)])
            if count == 36 && !precededByWord {
                found.append(text[range.lowerBound..<end])
            }
            index = end > bodyStart ? end : bodyStart
        }
        return found
    }

    /// A v4-style UUID (8-4-4-4-12 hex digits), the shape of npm's legacy tokens.
    public static func containsUUID(_ text: String) -> Bool {
        !uuids(in: text).isEmpty
    }

    /// The UUIDs in the text, each not part of a longer run of hex digits.
    public static func uuids(in text: String) -> [Range<String.Index>] {
        let groups = [8, 4, 4, 4, 12]
        let chars = Array(text.utf8)
        guard chars.count >= 36 else { return [] }
        var found: [Range<String.Index>] = []
        var start = 0
        while start + 36 <= chars.count {
            var position = start
            var matched = true
            for (groupIndex, length) in groups.enumerated() {
                for _ in 0..<length {
                    guard isHex(chars[position]) else {
                        matched = false
                        break
                    }
                    position += 1
                }
                if !matched { break }
                if groupIndex < groups.count - 1 {
                    guard chars[position] == UInt8(ascii: "-") else {
                        matched = false
                        break
                    }
                    position += 1
                }
            }
            let boundaryBefore = start == 0 || !isHex(chars[start - 1])
            let boundaryAfter = position >= chars.count || !isHex(chars[position])
            if matched && boundaryBefore && boundaryAfter {
                let utf8 = text.utf8
                found.append(
                    utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: position))
                start = position
            } else {
                start += 1
            }
        }
        return found
    }

    /// A JSON Web Token: three base64url parts, the first starting `eyJ` (`{"`).
    public static func containsJWT(_ text: String) -> Bool {
        !jwts(in: text).isEmpty
    }

    /// The JSON Web Tokens in the text, each from its `eyJ` to the end of its last part.
    public static func jwts(in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var index = text.startIndex
        while let range = text[index...].firstRange(of: "eyJ") {
            var parts = 1
            var partLength = 0
            var cursor = range.lowerBound
            var end = cursor
            while cursor < text.endIndex {
                let character = text[cursor]
                if character == "." {
                    if partLength < 2 { break }
                    parts += 1
                    partLength = 0
                } else if isBase64URL(character) {
                    partLength += 1
                    end = text.index(after: cursor)
                } else {
                    break
                }
                cursor = text.index(after: cursor)
            }
            if parts >= 3 {
                found.append(range.lowerBound..<end)
                index = end
            } else {
                index = range.upperBound
            }
        }
        return found
    }

    /// The text with every credential shape (npm token, UUID, JWT) replaced by its display
    /// form (`npm_AbCd...WxYz`, or what `display` makes of it): enough to recognise which one,
    /// too little to use it.
    public static func maskingCredentialShapes(
        in text: String, as display: (String) -> String = NpmToken.masked
    ) -> String {
        let ranges = npmTokens(in: text).map { $0.startIndex..<$0.endIndex } + uuids(in: text) + jwts(in: text)
        guard !ranges.isEmpty else { return text }
        var output = ""
        var cursor = text.startIndex
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= cursor {
            output += text[cursor..<range.lowerBound]
            output += display(String(text[range]))
            cursor = range.upperBound
        }
        return output + text[cursor...]
    }

    /// Whether the text holds anything shaped like a credential.
    public static func containsCredentialShape(_ text: String) -> Bool {
        !npmTokens(in: text).isEmpty || containsUUID(text) || containsJWT(text)
    }

    static func isBase62(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (ascii >= 48 && ascii <= 57) || (ascii >= 65 && ascii <= 90) || (ascii >= 97 && ascii <= 122)
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        isBase62(character) || character == "_"
    }

    static func isBase64URL(_ character: Character) -> Bool {
        isBase62(character) || character == "-" || character == "_"
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
    }
}
