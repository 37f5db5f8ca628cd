/// The check a URL sent by a registry (the web login's `loginUrl`) must pass before tokensh
/// shows it as the link to open or hands it to a browser.
///
/// A browser (or an `xdg-open` handler, or a `$BROWSER` wrapper script) does more with a URL
/// than fetch it: `javascript:`, `file:` and custom schemes run code or open local files, and
/// quotes or spaces change how a wrapper splits its arguments. A login page is an ordinary
/// `http(s)` address of modest length in plain ASCII, so anything else is refused outright.
public enum BrowserURL {
    /// Longer than any login URL a registry sends; the common limit of browsers and servers.
    public static let maxLength = 2048

    /// Why `url` must not be opened, or `nil` when it is a plain http(s) URL.
    public static func problem(_ url: String) -> String? {
        if url.utf8.count > maxLength { return "it is longer than \(maxLength) characters" }
        if let bad = url.utf8.first(where: { !isAllowed($0) }) {
            return bad == UInt8(ascii: " ")
                ? "it holds a space" : "it holds a character that does not belong in a URL (byte 0x\(hex(bad)))"
        }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), let parsed = RegistryURL(url),
            !parsed.host.isEmpty
        else { return "it is not an http or https URL" }
        if parsed.userinfo != nil { return "it holds a user name before the host" }
        return nil
    }

    /// Visible ASCII, without the quotes, backslash, backtick, angle brackets, `$`, parentheses,
    /// braces, `;` and `|` that a shell or a naive wrapper script could read as syntax. (`&` stays:
    /// query strings need it, and a URL is handed over as one argument, never through a shell.)
    private static func isAllowed(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return !"\"'\\`<>$(){};|".utf8.contains(byte)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
