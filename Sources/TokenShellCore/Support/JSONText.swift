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
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
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
