#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The wizard's first question: what the token is for, which sets least-privilege defaults.
public enum TokenPreset: String, Sendable, CaseIterable {
    case ciInstall = "ci-install"
    case localRead = "local-read"
    case ciPublish = "ci-publish"
    case custom

    public var summary: String {
        switch self {
        case .ciInstall: "install dependencies in CI (read-only, 30 days)"
        case .localRead: "read private packages on this machine (read-only, 30 days)"
        case .ciPublish: "publish from CI (read-write, 7 days; trusted publishing is better)"
        case .custom: "choose every permission yourself (read-only defaults)"
        }
    }

    public var access: RegistryToken.Access { self == .ciPublish ? .readWrite : .readOnly }

    /// npmjs gives write tokens 7 days by default and 90 at most; read tokens get 30 here.
    public var expiresDays: Int { self == .ciPublish ? 7 : 30 }

    /// `tokensh-read-YYYYMMDD` or `tokensh-publish-YYYYMMDD`.
    public func proposedName(now: Date) -> String {
        "tokensh-\(self == .ciPublish ? "publish" : "read")-\(TokenTime.compactDay(now))"
    }

    /// The draft this preset starts from.
    public func draft(kind: RegistryToken.Kind, now: Date) -> TokenDraft {
        var draft = TokenDraft(kind: kind)
        draft.name = proposedName(now: now)
        draft.permission = access
        draft.expiresDays = expiresDays
        draft.readOnly = access == .readOnly
        return draft
    }
}
