#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Compares what was asked for with what the registry lists for the new token.
///
/// Some registries accept a granular body and silently ignore its fields, turning a read-only
/// request into a write token. Anything granted beyond the request is a reason to revoke the
/// token at once; a narrower grant is only worth a note.
public enum GrantCheck {
    /// `no-access` < `read-only` < `read-write-stage-only` < `read-write`.
    static func rank(_ access: RegistryToken.Access?) -> Int {
        switch access {
        case .noAccess: 0
        case .readOnly: 1
        case .readWriteStageOnly: 2
        case .readWrite, nil: 3
        }
    }

    /// Ways the granted token exceeds the request; empty when it does not.
    public static func excess(asked draft: TokenDraft, granted token: RegistryToken, now: Date) -> [String] {
        var excess: [String] = []
        let askedAccess = draft.effectiveAccess
        if rank(token.access) > rank(askedAccess) {
            let granted = token.access?.rawValue ?? "unknown (full) access"
            excess.append("asked for \(askedAccess.rawValue) package access, the registry granted \(granted)")
        }
        if !draft.cidr.isEmpty, Set(token.cidr) != Set(draft.cidr) {
            let granted = token.cidr.isEmpty ? "no restriction" : token.cidr.joined(separator: ", ")
            excess.append("asked for IP ranges \(draft.cidr.joined(separator: ", ")), the registry set \(granted)")
        }
        guard draft.kind == .granular else { return excess }
        if token.kind == .classic {
            excess.append(
                "asked for a granular token, the registry issued a classic one (it ignored the granular fields)")
        }
        if !draft.packagesAll, token.packagesAll == true {
            excess.append("asked for selected packages, the registry granted all packages")
        }
        if rank(token.orgsPermission.flatMap(RegistryToken.Access.init(rawValue:)) ?? .noAccess)
            > rank(draft.orgsPermission)
        {
            excess.append(
                "asked for \(draft.orgsPermission.rawValue) on organizations, got \(token.orgsPermission ?? "?")")
        }
        if !draft.bypass2FA, token.bypass2FA == true {
            excess.append("asked for 2FA to stay required, the token bypasses 2FA")
        }
        if let days = draft.expiresDays {
            let limit = now.addingTimeInterval(Double(days + 1) * TokenTime.day)
            if let expires = token.expiresDate {
                if expires > limit { excess.append("asked for \(days) days, it expires \(TokenTime.day(expires))") }
            } else if token.kind == .granular {
                excess.append("asked for \(days) days, the token never expires")
            }
        }
        return excess
    }
}
