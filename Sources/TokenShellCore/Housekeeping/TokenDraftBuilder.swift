#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Builds the draft from a preset and the flags given, and says which required flags are missing.
public enum TokenDraftBuilder {
    /// The preset's defaults with every given flag laid over them.
    public static func draft(
        _ command: ParsedCommand, kind: RegistryToken.Kind, preset: TokenPreset, now: Date
    ) -> TokenDraft {
        var draft = preset.draft(kind: kind, now: now)
        if let name = command.string("name") { draft.name = name }
        if let description = command.string("token-description") { draft.description = description }
        if command.has("read-only") {
            draft.permission = .readOnly
            draft.readOnly = true
        }
        if let text = command.string("packages-and-scopes-permission"),
            let access = RegistryToken.Access(rawValue: text)
        {
            draft.permission = access
            draft.readOnly = access == .readOnly || access == .noAccess
        }
        if command.has("packages-all") {
            (draft.packagesAll, draft.packages, draft.scopes) = (true, [], [])
        } else if command.has("packages") || command.has("scopes") {
            let (packages, scopesInPackages) = split(command.list("packages"))
            draft.packagesAll = false
            draft.packages = packages
            draft.scopes = scopesInPackages + command.list("scopes").map { $0.hasPrefix("@") ? $0 : "@" + $0 }
        }
        if let text = command.string("orgs-permission"), let access = RegistryToken.Access(rawValue: text) {
            draft.orgsPermission = access
        }
        if command.has("orgs") { draft.orgs = command.list("orgs") }
        if let days = command.integer("expires") { draft.expiresDays = days }
        if command.has("cidr") { draft.cidr = command.list("cidr") }
        if command.has("bypass-2fa") { draft.bypass2FA = true }
        if kind == .classic { draft.expiresDays = nil }
        return draft
    }

    /// Required answers the flags did not give, as flag names (for a run without a terminal).
    public static func missingFlags(_ command: ParsedCommand, kind: RegistryToken.Kind) -> [String] {
        TokenQuestion.sequence(for: kind).filter { $0.isRequiredWithoutTerminal && !$0.isAnswered(by: command) }
            .map { question in
                switch question {
                case .permission: "--packages-and-scopes-permission (or --preset)"
                case .classicAccess: "--read-only or --packages-and-scopes-permission read-write"
                case .expires: "--expires (or --preset)"
                default: "--" + (question.flags.first ?? question.rawValue)
                }
            }
    }

    /// Package names and scopes from one list: `@acme` is a scope, `@acme/web` a package.
    public static func split(_ items: [String]) -> (packages: [String], scopes: [String]) {
        var packages: [String] = []
        var scopes: [String] = []
        for item in items where !item.isEmpty {
            if item.hasPrefix("@"), !item.contains("/") { scopes.append(item) } else { packages.append(item) }
        }
        return (packages, scopes)
    }
}

extension TokenDraftBuilder {
    /// Problems the flags alone show, whatever the registry's kind: checked before any request.
    public static func flagProblems(_ command: ParsedCommand) -> [String] {
        var draft = TokenDraft(kind: .granular)
        draft.name = "-"
        draft.cidr = command.list("cidr")
        let (packages, scopes) = split(command.list("packages"))
        draft.packages = packages
        draft.scopes = scopes + command.list("scopes")
        draft.orgs = command.list("orgs")
        draft.expiresDays = command.integer("expires")
        return draft.problems()
    }
}
