#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One listed token with its short id and what the table marks about it.
///
/// The marks are what housekeeping is about: what has expired, what expires soon, what can
/// write, what bypasses 2FA, and what works from any address.
public struct TokenRow: Sendable, Equatable {
    /// Days before expiry from which a token counts as expiring soon.
    public static let soonDays = 7

    public var id: String
    public var token: RegistryToken

    public init(id: String, token: RegistryToken) {
        self.id = id
        self.token = token
    }

    /// Rows for a whole list, with npm's short ids.
    public static func rows(for tokens: [RegistryToken]) -> [TokenRow] {
        zip(RegistryToken.shortIDs(for: tokens), tokens).map { TokenRow(id: $0, token: $1) }
    }

    public func isExpired(now: Date) -> Bool {
        token.expiresDate.map { $0 <= now } ?? false
    }

    /// Not yet expired, and expires within `days` days.
    public func expires(within days: Int, now: Date) -> Bool {
        guard let expires = token.expiresDate, expires > now else { return false }
        return expires <= now.addingTimeInterval(Double(days) * TokenTime.day)
    }

    /// Package or organization write access (stage-only publishing counts: it can still stage).
    public var canWrite: Bool {
        let access = token.access
        return access == .readWrite || access == .readWriteStageOnly || token.orgsPermission == "read-write"
    }

    /// `a1b2c3 (deploy)`: the id and name for messages, shown without control characters (the
    /// registry chose both).
    public var label: String {
        TerminalText.line(id + (token.name.map { " (\($0))" } ?? ""))
    }

    public var bypasses2FA: Bool { token.bypass2FA == true }

    public var hasNoCIDR: Bool { token.cidr.isEmpty }

    /// The marks column: `X` expired, `!` expires within 7 days, `W` write access, `B` bypasses
    /// 2FA, `*` no CIDR restriction.
    public func marks(now: Date) -> String {
        var text = ""
        if isExpired(now: now) { text += "X" }
        if expires(within: Self.soonDays, now: now) { text += "!" }
        if canWrite { text += "W" }
        if bypasses2FA { text += "B" }
        if hasNoCIDR { text += "*" }
        return text
    }

    /// What the token may do, in a few words: `read-only all`, `read-write 2 pkgs, 1 scope; orgs read-only`.
    public var permissionSummary: String {
        let access = token.access?.rawValue ?? "unknown"
        var text = access
        if token.kind == .granular {
            let packages = token.packages ?? []
            let scopes = token.scopes ?? []
            if token.packagesAll == true || (packages.isEmpty && scopes.isEmpty) {
                text += " all"
            } else {
                var parts: [String] = []
                if !packages.isEmpty { parts.append(Self.count(packages.count, "pkg", "pkgs")) }
                if !scopes.isEmpty { parts.append(Self.count(scopes.count, "scope", "scopes")) }
                text += " " + parts.joined(separator: ", ")
            }
            if let orgs = token.orgsPermission, orgs != "no-access" { text += "; orgs \(orgs)" }
        }
        return text
    }

    /// `in 29d 2026-12-28`, `2d ago 2026-11-27`, or `never`.
    public func expirySummary(now: Date) -> String {
        guard let expires = token.expiresDate else { return token.expires == nil ? "never" : (token.expires ?? "") }
        return TokenTime.relative(expires, now: now) + " " + TokenTime.day(expires)
    }

    public var createdSummary: String {
        token.createdDate.map(TokenTime.day) ?? (token.created ?? "-")
    }

    static func count(_ number: Int, _ one: String, _ many: String) -> String {
        "\(number) \(number == 1 ? one : many)"
    }
}
