/// Finds npm tokens in a line of text, as secret scanners do (reference/npm-tokens.md §5.4).
///
/// `npm_` tokens: `\bnpm_[A-Za-z0-9]{36}\b` (noseyparker's rule), with the CRC32 tail as a hint.
/// Legacy tokens: a UUID with the word npm within 40 characters before it (trufflehog's rule) or
/// on a line that sets a credential.
public enum TokenMatcher {
    /// Lower-case names of settings and variables that hold a registry credential.
    static let credentialKeys = ["_authtoken", "npmauthtoken", "npm_token", "node_auth_token", "npm_auth_token"]

    /// Every token in `line`, in order.
    public static func matches(in line: String) -> [TokenMatch] {
        guard line.utf8.count >= 36 else { return [] }
        let lower = line.lowercased()
        let assigns = credentialKeys.contains { lower.contains($0) }
        var found: [TokenMatch] = []
        if line.contains("npm_") {
            for token in SecretPatterns.npmTokens(in: line) {
                let value = String(token)
                found.append(
                    TokenMatch(
                        value: value, shape: .npm, checksumMatches: NpmToken.checksumMatches(value),
                        isAssignedToCredential: assigns))
            }
        }
        guard assigns || lower.contains("npm") else { return found }
        let bytes = Array(line.utf8)
        let lowerBytes = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        for range in uuidRanges(in: bytes) {
            let windowStart = max(0, range.lowerBound - 40)
            let nearNpm = contains(lowerBytes, Array("npm".utf8), in: windowStart..<range.lowerBound)
            guard assigns || nearNpm else { continue }
            let value = String(decoding: bytes[range], as: UTF8.self)
            found.append(
                TokenMatch(value: value, shape: .legacyUUID, checksumMatches: false, isAssignedToCredential: assigns))
        }
        return found
    }

    /// Ranges of `8-4-4-4-12` hex groups not joined to a longer word.
    static func uuidRanges(in bytes: [UInt8]) -> [Range<Int>] {
        let groups = [8, 4, 4, 4, 12]
        var ranges: [Range<Int>] = []
        var start = 0
        while start + 36 <= bytes.count {
            guard isHex(bytes[start]), start == 0 || !isWord(bytes[start - 1]) else {
                start += 1
                continue
            }
            var position = start
            var matched = true
            for (index, length) in groups.enumerated() where matched {
                for _ in 0..<length where matched {
                    matched = isHex(bytes[position])
                    position += 1
                }
                if matched, index < groups.count - 1 {
                    matched = bytes[position] == UInt8(ascii: "-")
                    position += 1
                }
            }
            if matched, position == bytes.count || !isWord(bytes[position]) {
                ranges.append(start..<position)
                start = position
            } else {
                start += 1
            }
        }
        return ranges
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8], in range: Range<Int>) -> Bool {
        guard range.count >= needle.count else { return false }
        for start in range.lowerBound...(range.upperBound - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
    }

    static func isWord(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
    }
}
