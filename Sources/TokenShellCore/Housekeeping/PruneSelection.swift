#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which tokens `token prune` would revoke: any token matching at least one criterion.
///
/// The token the shell itself uses is never selected: pruning must not lock the shell out.
public struct PruneSelection: Sendable, Equatable {
    public var expired: Bool
    public var expiringDays: Int?
    public var olderThanDays: Int?

    public init(expired: Bool = false, expiringDays: Int? = nil, olderThanDays: Int? = nil) {
        self.expired = expired
        self.expiringDays = expiringDays
        self.olderThanDays = olderThanDays
    }

    public init(_ command: ParsedCommand) {
        self.init(
            expired: command.has("expired"), expiringDays: command.integer("expiring"),
            olderThanDays: command.integer("older-than"))
    }

    public var isEmpty: Bool { !expired && expiringDays == nil && olderThanDays == nil }

    public func matches(_ row: TokenRow, now: Date) -> Bool {
        if expired, row.isExpired(now: now) { return true }
        if let expiringDays, row.expires(within: expiringDays, now: now) { return true }
        if let olderThanDays, let created = row.token.createdDate,
            created < now.addingTimeInterval(-Double(olderThanDays) * TokenTime.day)
        {
            return true
        }
        return false
    }

    /// The rows to revoke, leaving out `protectedKey` (the shell's own token).
    public func select(_ rows: [TokenRow], now: Date, protectedKey: String?) -> [TokenRow] {
        rows.filter { $0.token.key != protectedKey && matches($0, now: now) }
    }
}
