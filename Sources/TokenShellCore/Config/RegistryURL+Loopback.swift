extension RegistryURL {
    /// Whether traffic to this URL's host stays on this machine (see `isLoopback(host:)`).
    public var isLoopback: Bool { Self.isLoopback(host: host) }

    /// Whether the registry at `url` is on this machine; `false` for anything that is not an
    /// absolute URL.
    public static func isLoopback(url: String) -> Bool {
        RegistryURL(url)?.isLoopback ?? false
    }

    /// `localhost`, `::1` (bracketed or not) and a literal IPv4 address in 127.0.0.0/8 written
    /// as four decimal octets without leading zeros: only names that cannot resolve anywhere
    /// else. A prefix test would let `127.evil.example` or `127.0.0.1.nip.io` (DNS names that
    /// anyone can point anywhere) pass the plain-http guard; leading zeros are refused because
    /// resolvers read `0127.0.0.1` as octal (87.0.0.1).
    public static func isLoopback(host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            guard (1...3).contains(octet.count), octet.allSatisfy({ $0.isASCII && $0.isNumber }),
                octet.count == 1 || octet.first != "0", let value = Int(octet)
            else { return false }
            return value <= 255
        }
    }
}
