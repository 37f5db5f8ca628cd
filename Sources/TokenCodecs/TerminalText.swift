/// Text from the network or the file system made safe to show on a terminal.
///
/// A registry, a project `.npmrc` or a file name can hold control characters: ESC starts a
/// sequence that can retitle the window, clear the screen, rewrite what was printed or, on some
/// terminals, answer back into the input; `\r` and backspace overwrite the line; bidi overrides
/// reorder what is read (Trojan Source). Each such character is replaced by a visible, plain
/// ASCII stand-in, so the text stays readable, shows that something odd was there, and keeps
/// exactly one column per stand-in character (tables stay aligned, cutting cannot split one):
///
/// - C0 controls and DEL in caret notation, as terminals echo them: ESC is `^[`, BEL `^G`,
///   CR `^M`, DEL `^?`.
/// - C1 controls (U+0080–U+009F), bidi embeddings, overrides and isolates (U+202A–U+202E,
///   U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) as `<U+009B>`:
///   they have no caret form.
///
/// Tab is kept; a newline only by `lines(_:)`, for text whose line breaks are meant.
/// tokensh's own terminal control (the spinner, libedit) never goes through here.
public enum TerminalText {
    /// A value shown within one line (a name, a URL, a path, an error message): line breaks are
    /// replaced too, so a value cannot start a line that looks like tokensh's own.
    public static func line(_ text: String) -> String {
        sanitized(text, keepingLineBreaks: false)
    }

    /// Text whose newlines are meant (a whole message or table): everything else is replaced.
    public static func lines(_ text: String) -> String {
        sanitized(text, keepingLineBreaks: true)
    }

    public static func sanitized(_ text: String, keepingLineBreaks: Bool) -> String {
        guard mayNeedChanges(text, keepingLineBreaks: keepingLineBreaks) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let standIn = standIn(for: scalar, keepingLineBreaks: keepingLineBreaks) {
                out += standIn
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` is one the terminal would act on rather than show.
    public static func isUnsafe(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool = false) -> Bool {
        standIn(for: scalar, keepingLineBreaks: keepingLineBreaks) != nil
    }

    /// A cheap pass over the bytes: almost every string shown is plain and is returned as is.
    /// C1 controls are 0xC2 0x80–0x9F in UTF-8; the separators and bidi controls are
    /// 0xE2 0x80 0xA8–0xAE and 0xE2 0x81 0xA6–0xA9 (`…`, dashes and quotes share the 0xE2 lead).
    private static func mayNeedChanges(_ text: String, keepingLineBreaks: Bool) -> Bool {
        let scan = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x09: break
                case 0x0A: if !keepingLineBreaks { return true }
                case 0x00..<0x20, 0x7F: return true
                case 0xC2:
                    if index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
                case 0xE2:
                    if index + 2 < bytes.count {
                        let (second, third) = (bytes[index + 1], bytes[index + 2])
                        if second == 0x80, (0xA8...0xAE).contains(third) { return true }
                        if second == 0x81, (0xA6...0xA9).contains(third) { return true }
                    }
                default: break
                }
                index += 1
            }
            return false
        }
        if let found = text.utf8.withContiguousStorageIfAvailable(scan) { return found }
        return ContiguousArray(text.utf8).withUnsafeBufferPointer(scan)
    }

    private static func standIn(for scalar: Unicode.Scalar, keepingLineBreaks: Bool) -> String? {
        let value = scalar.value
        switch value {
        case 0x09: return nil
        case 0x0A: return keepingLineBreaks ? nil : "^J"
        case 0x00..<0x20: return "^" + String(Unicode.Scalar(UInt8(value) + 0x40))
        case 0x7F: return "^?"
        case 0x80...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
            let hex = String(value, radix: 16, uppercase: true)
            return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
        default: return nil
        }
    }
}
