#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension RegistryToken {
    /// `created` as a date, for sorting and "created 3 days ago".
    public var createdDate: Date? { created.flatMap(Self.parseDate) }

    /// `expires` as a date, for `--expiring` and "expires in 2 days"; `nil` for tokens that never expire.
    public var expiresDate: Date? { expires.flatMap(Self.parseDate) }

    /// ISO 8601 as registries send it, with or without fractional seconds.
    public static func parseDate(_ text: String) -> Date? { ISOTimestamp.parse(text) }
}
