/// JSON string quoting exactly as `JSON.stringify` does it: the one implementation that
/// npmrc values, registry bodies and `--json` output share.
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
        let utf8 = string.utf8
        if !hasEscapes(string) {
            // The common case, appended whole.
            out += string
            out += "\""
            return
        }
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard needsEscape(byte) else {
                utf8.formIndex(after: &index)
                continue
            }
            // `index` sits on an ASCII byte, so the run ends on a character boundary.
            out.append(contentsOf: string[runStart..<index])
            out += escape(byte)
            utf8.formIndex(after: &index)
            runStart = index
        }
        out.append(contentsOf: string[runStart..<index])
        out += "\""
    }

    /// The same text as `quote`, appended as UTF-8 bytes (for replies written as bytes).
    public static func quote(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = string.utf8
        if hasEscapes(string) {
            for byte in utf8 {
                if needsEscape(byte) { out.append(contentsOf: escape(byte).utf8) } else { out.append(byte) }
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

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
