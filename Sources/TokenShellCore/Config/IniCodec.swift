/// npm's value encoding in `.npmrc` files, as `ini` 4.1.3 (`safe`/`unsafe`) does it.
///
/// npm reads every file through these two functions, so tokensh must quote and unescape exactly
/// alike: a value that npm would read differently from what tokensh wrote is a broken login.
public enum IniCodec {
    /// Encodes a key or value for writing (`ini` `safe()`): JSON-quoted when it holds `=`, a
    /// line break, a leading `[`, surrounding whitespace or quotes; otherwise `;` and `#` are
    /// backslash-escaped so they do not start a comment.
    public static func encode(_ value: String) -> String {
        let needsQuoting =
            value.unicodeScalars.contains { $0 == "=" || $0 == "\r" || $0 == "\n" }
            || value.hasPrefix("[")
            || (value.unicodeScalars.count > 1 && isQuoted(value))
            || value != jsTrim(value)
        if needsQuoting {
            return jsonQuote(value)
        }
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar == ";" || scalar == "#" {
                out.unicodeScalars.append("\\")
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Decodes a raw key or value as read (`ini` `unsafe()`): trims, then either parses a quoted
    /// value as JSON or cuts at the first unescaped `;`/`#` and unescapes `\;`, `\#` and `\\`.
    public static func decode(_ raw: some StringProtocol) -> String {
        let value = jsTrim(String(raw))
        if isQuoted(value) {
            var candidate = value
            if value.hasPrefix("'") {
                candidate = String(value.unicodeScalars.dropFirst().dropLast())
            }
            return parseJSONScalar(candidate) ?? candidate
        }
        var escaping = false
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if escaping {
                if scalar == "\\" || scalar == ";" || scalar == "#" {
                    out.append(scalar)
                } else {
                    out.append("\\")
                    out.append(scalar)
                }
                escaping = false
            } else if scalar == ";" || scalar == "#" {
                break
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.append(scalar)
            }
        }
        if escaping {
            out.append("\\")
        }
        return jsTrim(String(out))
    }

    /// Where an inline comment starts in a raw, unquoted value (the first unescaped `;` or `#`),
    /// so an edit can keep it.
    static func commentStart(in raw: Substring) -> String.Index? {
        if isQuoted(jsTrim(String(raw))) {
            return nil
        }
        var escaping = false
        var index = raw.startIndex
        while index < raw.endIndex {
            let char = raw[index]
            if escaping {
                escaping = false
            } else if char == ";" || char == "#" {
                return index
            } else if char == "\\" {
                escaping = true
            }
            index = raw.index(after: index)
        }
        return nil
    }

    static func isQuoted(_ value: String) -> Bool {
        (value.hasPrefix("\"") && value.hasSuffix("\"")) || (value.hasPrefix("'") && value.hasSuffix("'"))
    }

    /// JavaScript's `String.prototype.trim`: whitespace and line terminators at both ends.
    static func jsTrim(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isJSSpace($0) }),
            let last = scalars.lastIndex(where: { !isJSSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    static func isJSSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}"
    }

    /// `JSON.stringify` of a string.
    static func jsonQuote(_ value: String) -> String {
        JSONText.quote(value)
    }

    /// `JSON.parse` for what a quoted `.npmrc` value can hold; `nil` where JSON.parse throws.
    /// Non-string JSON (numbers, `true`) keeps its text, which is how npm prints it.
    static func parseJSONScalar(_ text: String) -> String? {
        let trimmed = String(
            text.unicodeScalars.drop(while: isJSONSpace).reversed().drop(while: isJSONSpace).reversed()
                .map(Character.init))
        if trimmed.hasPrefix("\"") {
            return parseJSONString(trimmed)
        }
        if ["true", "false", "null"].contains(trimmed) || isJSONNumber(trimmed) {
            return trimmed
        }
        return nil
    }

    private static func isJSONSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private static func isJSONNumber(_ text: String) -> Bool {
        guard !text.isEmpty, Double(text) != nil else { return false }
        let allowed = Set("0123456789+-.eE")
        return text.allSatisfy { allowed.contains($0) } && text.first != "+" && text.first != "."
    }

    private static func parseJSONString(_ text: String) -> String? {
        var scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        scalars = Array(scalars[1..<(scalars.count - 1)])
        var out = String.UnicodeScalarView()
        var index = 0
        var pendingHigh: UInt32?
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" || scalar.value < 0x20 {
                return nil
            }
            guard scalar == "\\" else {
                out.append(scalar)
                index += 1
                continue
            }
            guard index + 1 < scalars.count else { return nil }
            let escape = scalars[index + 1]
            index += 2
            switch escape {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "/": out.append("/")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "u":
                guard index + 4 <= scalars.count,
                    let code = UInt32(String(String.UnicodeScalarView(scalars[index..<(index + 4)])), radix: 16)
                else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(code) {
                    pendingHigh = code
                    continue
                }
                if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                    let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    if let pair = Unicode.Scalar(combined) { out.append(pair) }
                } else if let single = Unicode.Scalar(code) {
                    out.append(single)
                } else {
                    out.append("\u{FFFD}")
                }
            default:
                return nil
            }
            pendingHigh = nil
        }
        return String(out)
    }
}
