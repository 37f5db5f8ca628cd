/// URL rules of npm-registry-fetch, kept as plain string functions.
///
/// npm resolves every relative path against the registry including its path prefix, uses
/// absolute URLs as given, and sends credentials only to the registry's own host; the client
/// follows the same rules so that a registry mounted under `/sub/` behaves as it does for npm.
public enum RegistryPath {
    /// The registry URL trimmed and ending in exactly one `/`.
    public static func normalized(_ registry: String) -> String {
        var text = trimmed(registry)
        while text.hasSuffix("/") { text.removeLast() }
        return text + "/"
    }

    /// `path` resolved as npm does: absolute `http(s)` URLs unchanged, anything else appended to
    /// the registry (prefix included) after dropping one leading `/`.
    public static func resolve(_ path: String, against registry: String) -> String {
        if isAbsoluteHTTP(path) { return path }
        let base = normalized(registry)
        let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return base + relative
    }

    public static func isAbsoluteHTTP(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("http://") && lower.count > 7) || (lower.hasPrefix("https://") && lower.count > 8)
    }

    /// `scheme://host[:port]`, lower-cased, or `nil` for anything that is not an http(s) URL.
    public static func origin(of url: String) -> String? {
        guard isAbsoluteHTTP(url), let schemeEnd = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        guard !hostPort.isEmpty else { return nil }
        var host = hostPort.lowercased()
        if scheme == "https", host.hasSuffix(":443") { host.removeLast(4) }
        if scheme == "http", host.hasSuffix(":80") { host.removeLast(3) }
        return scheme + "://" + host
    }

    /// Whether credentials for `registry` may be sent to `url`: same scheme, host and port.
    public static func sharesOrigin(_ url: String, with registry: String) -> Bool {
        guard let a = origin(of: url), let b = origin(of: registry) else { return false }
        return a == b
    }

    /// JavaScript's `encodeURIComponent`: keeps `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
    public static func encodeComponent(_ text: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8)
        var out = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }
}
