#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Contextual tips: the calls commands make after the events of design §6; each tip shows once.
///
/// Tips go to stderr (never into `--json` output or a pipe's results) and not at all with
/// `--json`, whose stderr is reserved for JSON errors.
public enum Tips {
    /// "Expires soon" for the contextual tip: within a week.
    public static let expiringSoonDays = 7

    /// Shows `tip` unless this session already showed it; returns whether it was shown.
    @discardableResult
    public static func contextual(_ tip: ContextualTip, in shell: Shell) -> Bool {
        guard !shell.options.json, !shell.session.tipsShown.contains(tip.rawValue) else { return false }
        shell.session.tipsShown.insert(tip.rawValue)
        shell.io.diagnostic(tip.text(registry: shell.registryForDisplay) + "\n")
        return true
    }

    /// After a token list: the expiry tip when any token expires within a week from `now`.
    @discardableResult
    public static func afterListing(_ tokens: [RegistryToken], now: Date, in shell: Shell) -> Bool {
        guard tokens.contains(where: { expiresSoon($0, now: now) }) else { return false }
        return contextual(.tokenExpiringSoon, in: shell)
    }

    /// Whether `token` is still valid but expires within `expiringSoonDays` of `now`.
    public static func expiresSoon(_ token: RegistryToken, now: Date) -> Bool {
        guard let expiry = token.expiresDate else { return false }
        return expiry > now && expiry.timeIntervalSince(now) <= Double(expiringSoonDays) * 86_400
    }

    /// After the config was loaded: the permissions tip when the user config is readable by
    /// group or others. Cheap (one `stat`), so commands may call it on every load.
    @discardableResult
    public static func afterLoadingConfig(_ config: NpmConfig, in shell: Shell) -> Bool {
        guard !shell.session.tipsShown.contains(ContextualTip.userConfigReadableByOthers.rawValue),
            let mode = shell.services.auditFiles?.permissions(atPath: config.userConfigPath),
            FileMode.isReadableByOthers(mode)
        else { return false }
        return contextual(.userConfigReadableByOthers, in: shell)
    }
}
