#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `token list --sort --filter --expiring` as a value, applied to rows without any I/O.
public struct TokenListQuery: Sendable, Equatable {
    public enum SortKey: String, Sendable {
        case created
        case expires
        case name
    }

    public var sort: SortKey?
    /// Case-insensitive text matched against name, description, id and key.
    public var filter: String?
    /// Only tokens not yet expired that expire within this many days.
    public var expiringDays: Int?

    public init(sort: SortKey? = nil, filter: String? = nil, expiringDays: Int? = nil) {
        self.sort = sort
        self.filter = filter
        self.expiringDays = expiringDays
    }

    public init(_ command: ParsedCommand) {
        self.init(
            sort: command.string("sort").flatMap(SortKey.init(rawValue:)), filter: command.string("filter"),
            expiringDays: command.integer("expiring"))
    }

    public func apply(_ rows: [TokenRow], now: Date) -> [TokenRow] {
        var result = rows
        if let filter, !filter.isEmpty {
            let needle = filter.lowercased()
            result = result.filter { row in
                [row.token.name, row.token.description, row.id, row.token.key].contains { field in
                    field?.lowercased().contains(needle) ?? false
                }
            }
        }
        if let expiringDays {
            result = result.filter { $0.expires(within: expiringDays, now: now) }
        }
        switch sort {
        case nil: break
        case .created:
            result = Self.stableSorted(result) {
                ($0.token.createdDate ?? .distantPast) < ($1.token.createdDate ?? .distantPast)
            }
        case .expires:
            result = Self.stableSorted(result) {
                ($0.token.expiresDate ?? .distantFuture) < ($1.token.expiresDate ?? .distantFuture)
            }
        case .name:
            result = Self.stableSorted(result) { left, right in
                switch (left.token.name?.lowercased(), right.token.name?.lowercased()) {
                case (let a?, let b?): a < b
                case (.some, nil): true
                default: false
                }
            }
        }
        return result
    }

    /// Sorts, keeping the registry's order among equal rows.
    static func stableSorted(_ rows: [TokenRow], by less: (TokenRow, TokenRow) -> Bool) -> [TokenRow] {
        rows.enumerated().sorted { left, right in
            if less(left.element, right.element) { return true }
            if less(right.element, left.element) { return false }
            return left.offset < right.offset
        }.map(\.element)
    }
}
