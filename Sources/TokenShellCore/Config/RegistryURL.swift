#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A registry URL taken apart the way WHATWG `URL` (and so npm) does for `http`/`https`.
///
/// npm keys credentials by a "nerf dart" derived from the URL, so tokensh must derive the very
/// same key, or npm will not find what tokensh wrote (and the other way round).
public struct RegistryURL: Sendable, Equatable {
    /// Lower-cased scheme, e.g. `https`.
    public var scheme: String
    /// `user:password` as written, if any; never part of a nerf dart.
    public var userinfo: String?
    /// Lower-cased host name or address (IPv6 in brackets).
    public var host: String
    /// The port, or `nil` when absent or the scheme's default.
    public var port: Int?
    /// The path, starting with `/`, with `.` and `..` segments resolved.
    public var path: String

    /// Parses an absolute `scheme://host[:port]/path` URL; query and fragment are dropped.
    /// Returns `nil` for anything without a scheme and host.
    public init?(_ text: String) {
        let trimmed = IniCodec.jsTrim(text)
        guard let schemeEnd = trimmed.firstRange(of: "://") else { return nil }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        var rest = trimmed[schemeEnd.upperBound...]
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            rest = rest[..<cut]
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "\\" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let rawPath = String(rest[authorityEnd...]).replacing("\\", with: "/")
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        } else {
            userinfo = nil
        }
        var hostPart = authority
        var portText: Substring = ""
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            hostPart = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { return nil }
        self.scheme = scheme
        self.host = hostPart.lowercased()
        if portText.isEmpty {
            port = nil
        } else {
            guard portText.allSatisfy(\.isASCII), let number = Int(portText), (0...65535).contains(number) else {
                return nil
            }
            let defaultPort = ["http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21][scheme]
            port = number == defaultPort ? nil : number
        }
        path = Self.resolveDots(rawPath.isEmpty ? "/" : rawPath)
    }

    /// `host[:port]` as WHATWG `URL.host` gives it.
    public var hostAndPort: String {
        port.map { "\(host):\($0)" } ?? host
    }

    /// npm's nerf dart (`new URL('.', url)`): `//host[:port]` and the path up to its last `/`.
    /// `http://h/sub` gives `//h/` (the path is lost), which is why registries need a slash.
    public var nerfDart: String {
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
        return "//" + hostAndPort + directory
    }

    /// The URL as tokensh uses it for a registry: lower-case scheme and host, no default port,
    /// path ending in `/`, no query or fragment.
    public var normalized: String {
        let slashPath = path.hasSuffix("/") ? path : path + "/"
        let credentials = userinfo.map { $0 + "@" } ?? ""
        return scheme + "://" + credentials + hostAndPort + slashPath
    }

    /// The nerf dart of a URL string, or `nil` when it is not an absolute URL.
    public static func nerfDart(of url: String) -> String? {
        RegistryURL(url)?.nerfDart
    }

    /// A registry URL normalised to end in `/`, or `nil` when it is not an absolute URL.
    public static func normalize(_ url: String) -> String? {
        RegistryURL(url)?.normalized
    }

    private static func resolveDots(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var output: [Substring] = []
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment.lowercased() {
            case ".", "%2e":
                if isLast { output.append("") }
            case "..", ".%2e", "%2e.", "%2e%2e":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}
