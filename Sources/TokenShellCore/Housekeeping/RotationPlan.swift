#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `token rotate`: the new token's draft, from the old token's rights.
///
/// Naming: the new token is created before the old one is revoked, so both exist for a while
/// and must be told apart. A trailing `-YYYYMMDD` is replaced by today's date, otherwise today's
/// date is appended (`ci-read` → `ci-read-20261129`); a clash with the old name gets `-2`.
/// Expiry: `--expires`, else the old token's lifetime (created to expires), else the preset
/// default (30 days read-only, 7 days write).
public enum RotationPlan {
    public static func draft(replacing old: RegistryToken, expiresDays: Int?, now: Date) -> TokenDraft {
        var draft = TokenDraft(kind: old.kind)
        draft.cidr = old.cidr
        let access = old.access ?? .readWrite
        draft.readOnly = access == .readOnly || access == .noAccess
        draft.permission = access
        guard old.kind == .granular else { return draft }
        draft.name = newName(for: old.name, now: now)
        draft.description = old.description
        draft.packages = old.packages ?? []
        draft.scopes = old.scopes ?? []
        draft.packagesAll = old.packagesAll ?? (draft.packages.isEmpty && draft.scopes.isEmpty)
        draft.orgs = old.orgs ?? []
        draft.orgsPermission = old.orgsPermission.flatMap(RegistryToken.Access.init(rawValue:)) ?? .noAccess
        draft.bypass2FA = old.bypass2FA ?? false
        draft.expiresDays = expiresDays ?? lifetimeDays(old) ?? (draft.writes ? 7 : 30)
        return draft
    }

    /// The old token's lifetime in whole days, when it has both dates.
    static func lifetimeDays(_ token: RegistryToken) -> Int? {
        guard let created = token.createdDate, let expires = token.expiresDate else { return nil }
        let days = Int((expires.timeIntervalSince(created) / TokenTime.day).rounded())
        return days >= 1 ? days : nil
    }

    public static func newName(for old: String?, now: Date) -> String {
        let today = TokenTime.compactDay(now)
        guard let old, !old.isEmpty else { return "tokensh-rotated-\(today)" }
        var base = old
        if let dash = old.lastIndex(of: "-") {
            let tail = old[old.index(after: dash)...]
            if tail.count == 8, tail.allSatisfy(\.isNumber) { base = String(old[..<dash]) }
        }
        let candidate = "\(base)-\(today)"
        return candidate == old ? candidate + "-2" : candidate
    }
}
