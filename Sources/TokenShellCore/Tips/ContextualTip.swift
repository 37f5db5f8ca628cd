/// A tip shown after something just happened, once per shell session (design §6).
public enum ContextualTip: String, Sendable, CaseIterable {
    /// `token create` made a token that can publish.
    case createdWriteToken = "created-write-token"
    /// A token was written to a project file (`--save project` or a file under the project).
    case savedToProjectFile = "saved-to-project-file"
    /// A listed token expires within `Tips.expiringSoonDays` days.
    case tokenExpiringSoon = "token-expiring-soon"
    /// The user config can be read by group or others.
    case userConfigReadableByOthers = "user-config-readable"

    /// Two or three lines on stderr: what to do now, the topic to read, the source; `.npmrc`
    /// lines name `registry`, the one in use.
    public func text(registry: String = NpmConfig.defaultRegistry) -> String {
        let nerfDart = RegistryURL.nerfDart(of: registry) ?? "//registry.npmjs.org/"
        return switch self {
        case .createdWriteToken:
            """
            tip: this token can publish. Keep it in a secret store, never in a file you commit, \
            and consider trusted publishing for CI, which needs no token (`tips trusted-publishing`).
            source: \(TipSources.trustedPublishers)
            """
        case .savedToProjectFile:
            """
            tip: a project file is easy to commit or publish by mistake. Commit only \
            `\(nerfDart):_authToken=${NPM_TOKEN}` and keep the token in the environment \
            (`tips npmrc`; `audit` checks the folder).
            source: \(TipSources.ciWorkflow)
            """
        case .tokenExpiringSoon:
            """
            tip: a token expires within \(Tips.expiringSoonDays) days. Rotate it before CI breaks: \
            `token rotate ID` creates the replacement and revokes the old one (`tips expiry`).
            source: \(TipSources.tokenChanges2025)
            """
        case .userConfigReadableByOthers:
            """
            tip: your npm user config can be read by other users of this machine, and it holds \
            your logins. npm writes it with mode 0600: `chmod 600` it, or run `audit --fix` (`tips storage`).
            source: \(TipSources.npmrc)
            """
        }
    }
}
