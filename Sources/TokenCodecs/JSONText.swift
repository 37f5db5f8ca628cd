/// JSON string quoting as `JSON.stringify` does it, and terminal-safe: the one implementation
/// that npmrc values, registry bodies and `--json` output share.
///
/// Besides what `JSON.stringify` escapes (quote, backslash, U+0000–U+001F), DEL, the C1
/// controls (U+0080–U+009F), the line and paragraph separators (U+2028, U+2029) and the bidi
/// controls that `TerminalText` replaces are written as `\u` escapes: `--json` output read on a
/// terminal cannot drive it, and any JSON parser reads back the very same string.
public enum JSONText {
    public static func quote(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count + 2)
        quote(string, into: &out)
        return out
    }

    /// Runs of characters that need no escape are copied whole: a token-list page quotes
    /// thousands of strings, and appending them scalar by scalar was most of its cost.
    public static func quote(_ string: String, into out: inout String) {
        out += "\""
        if !hasEscapes(string) {
            // The common case, appended whole.
            out += string
            out += "\""
            return
        }
        var runStart = string.unicodeScalars.startIndex
        var index = runStart
        let scalars = string.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            guard needsEscape(scalar) else {
                scalars.formIndex(after: &index)
                continue
            }
            // Runs and escapes are both whole scalars, so the copy stays valid text.
            out.unicodeScalars.append(contentsOf: scalars[runStart..<index])
            out += escape(scalar)
            scalars.formIndex(after: &index)
            runStart = index
        }
        out.unicodeScalars.append(contentsOf: scalars[runStart..<index])
        out += "\""
    }

    /// The same text as `quote`, appended as UTF-8 bytes (for replies written as bytes).
    public static func quote(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = string.utf8
        if hasEscapes(string) {
            for scalar in string.unicodeScalars {
                if needsEscape(scalar) {
                    out.append(contentsOf: escape(scalar).utf8)
                } else {
                    UTF8.encode(scalar) { out.append($0) }
                }
            }
        } else {
            out.append(contentsOf: utf8)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Scanned through the contiguous bytes where there are some: iterating `String.UTF8View`
    /// generically was the sandbox's largest cost for a token page.
    private static func hasEscapes(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { $0.contains(where: needsEscape) }
            ?? string.utf8.contains(where: needsEscape)
    }

    /// A byte that may start something to escape: C1 controls begin with 0xC2, the
    /// separators and bidi controls with 0xE2 (`needsEscape(_: Unicode.Scalar)` decides).
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xC2
            || byte == 0xE2
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar == "\"" || scalar == "\\" || TerminalText.isUnsafe(scalar)
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\u{08}": return "\\b"
        case "\u{0C}": return "\\f"
        default:
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
