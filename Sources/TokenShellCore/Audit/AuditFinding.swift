/// One problem `audit` found: what, where, why it matters, and the fix.
///
/// Messages name tokens only in masked form (`npm_AbCd...WxYz`): a finding is printed, piped
/// and pasted into tickets.
public struct AuditFinding: Sendable, Equatable {
    /// Stable names for `--json` consumers.
    public enum Kind: String, Sendable, CaseIterable {
        /// An `npm_` token in a file or shell history.
        case literalToken = "literal-token"
        /// A legacy (UUID) npm token next to `_authToken` or the word npm.
        case legacyToken = "legacy-token"
        /// A literal value in a credential setting that has no known token shape.
        case literalCredential = "literal-credential"
        /// A token in the user config: how npm stores logins.
        case userConfigToken = "user-config-token"
        /// A temporary file a killed config write left next to the config.
        case leftoverTemporaryFile = "leftover-temporary-file"
        /// The user config can be read or written by group or others.
        case configPermissions = "config-permissions"
        /// Credentials for a registry configured with plain http on a non-loopback host.
        case insecureRegistry = "insecure-registry"
        /// A token that a commit added, found by `--git-history`.
        case tokenInGitHistory = "token-in-git-history"
        /// From the registry: a token without an expiry.
        case tokenNeverExpires = "token-never-expires"
        /// From the registry: a write token usable from any IP address.
        case writeTokenWithoutCIDR = "write-token-without-cidr"
        /// From the registry: a token that publishes without a 2FA code.
        case bypass2FAToken = "bypass-2fa-token"
    }

    public var severity: AuditSeverity
    public var kind: Kind
    /// The file as shown to the user (relative to the audited folder when inside it); `nil`
    /// for findings about registry tokens.
    public var file: String?
    /// 1-based line, `nil` when the finding is about the whole file or not about a file.
    public var line: Int?
    public var message: String
    public var fix: String

    public init(
        _ severity: AuditSeverity, _ kind: Kind, file: String? = nil, line: Int? = nil, message: String, fix: String
    ) {
        self.severity = severity
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
        self.fix = fix
    }

    /// `file:line`, `file`, or `registry` for what the registry reported.
    public var location: String {
        guard let file else { return "registry" }
        return line.map { "\(file):\($0)" } ?? file
    }
}
