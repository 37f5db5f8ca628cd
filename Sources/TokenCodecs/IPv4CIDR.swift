/// An IPv4 CIDR range, parsed with the rules of npm's is-cidr 5.1.0 (what `npm token create --cidr` accepts).
///
/// Octets are 0–255 without leading zeros, the prefix 0–32 without leading zeros, nothing around
/// them; host bits may be set (`10.0.0.1/8` is valid). Validating before any request saves a
/// password prompt that would end in the registry's rejection.
public struct IPv4CIDR: Sendable, Hashable, CustomStringConvertible {
    /// Why a CIDR entry was refused, worded like npm's `EINVALIDCIDR` errors.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case ipv6(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .ipv6(let text): "CIDR whitelist can only contain IPv4 addresses, \(text) is IPv6"
            case .invalid(let text): "CIDR whitelist contains invalid CIDR entry: \(text)"
            }
        }
    }

    /// The address as written (host bits kept).
    public let address: UInt32
    public let prefixLength: Int
    /// The entry exactly as given.
    public let text: String

    public var description: String { text }

    /// Parses one entry, or says why it is not an IPv4 CIDR.
    public static func parse(_ text: String) -> Result<IPv4CIDR, ParseError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = parseDecimal(parts[1], maximum: 32),
            let address = parseAddress(parts[0])
        else {
            return .failure(looksLikeIPv6(text) ? .ipv6(text) : .invalid(text))
        }
        return .success(IPv4CIDR(address: address, prefixLength: prefix, text: text))
    }

    /// Splits a single `--cidr` value on `,` followed by optional spaces, as npm does.
    public static func splitList(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0.drop(while: { $0 == " " || $0 == "\t" })) }
    }

    /// Whether the dotted-quad `ipAddress` (or an IPv4-mapped IPv6 `::ffff:a.b.c.d`) is inside the range.
    public func contains(_ ipAddress: String) -> Bool {
        var candidate = Substring(ipAddress)
        if candidate.lowercased().hasPrefix("::ffff:") { candidate = candidate.dropFirst(7) }
        guard let value = IPv4CIDR.parseAddress(candidate) else { return false }
        let mask: UInt32 = prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength)
        return value & mask == address & mask
    }

    /// A dotted quad with is-cidr's octet rule, as a 32-bit number.
    public static func parseAddress(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let number = parseDecimal(octet, maximum: 255) else { return nil }
            value = (value << 8) | UInt32(number)
        }
        return value
    }

    private static func parseDecimal(_ text: Substring, maximum: Int) -> Int? {
        guard !text.isEmpty, text.count <= 3, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if text.count > 1, text.first == "0" { return nil }
        guard let number = Int(text), number <= maximum else { return nil }
        return number
    }

    private static func looksLikeIPv6(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...128).contains(prefix), parts[1].first != "+" else {
            return false
        }
        let address = parts[0]
        let allowed = address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        let colons = address.filter { $0 == ":" }.count
        return allowed && colons >= 2 && (address.contains("::") || colons == 7)
    }
}
