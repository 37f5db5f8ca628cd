#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The checks on the registry's token list: no expiry, write without CIDR, bypass-2FA.
public enum RegistryTokenRules {
    /// Findings for `tokens` of `registry`, named by their short ids (`RegistryToken.shortIDs`).
    public static func findings(_ tokens: [RegistryToken], registry: String) -> [AuditFinding] {
        let ids = RegistryToken.shortIDs(for: tokens)
        var findings: [AuditFinding] = []
        for (token, id) in zip(tokens, ids) {
            let label = token.name.map { "token \"\($0)\" (\(id))" } ?? "token \(id)"
            let canWrite = isWrite(token)
            if token.expiresDate == nil {
                findings.append(
                    AuditFinding(
                        canWrite ? .medium : .low, .tokenNeverExpires,
                        message: "\(label) on \(registry) never expires"
                            + (canWrite ? " and can publish" : ""),
                        fix: "`token rotate \(id)` replaces it with a token that expires; or `token revoke \(id)` "
                            + "if nothing uses it"))
            }
            if canWrite, token.cidr.isEmpty {
                findings.append(
                    AuditFinding(
                        .medium, .writeTokenWithoutCIDR,
                        message: "\(label) on \(registry) can publish from any IP address",
                        fix: "replace it with a token limited to your CI's ranges (`token create --cidr …`), "
                            + "or use trusted publishing (`tips trusted-publishing`)"))
            }
            if token.bypass2FA == true {
                findings.append(
                    AuditFinding(
                        canWrite ? .medium : .low, .bypass2FAToken,
                        message: "\(label) on \(registry) bypasses two-factor authentication",
                        fix: "keep bypass-2FA only for unattended publishing that cannot use trusted publishing; "
                            + "otherwise replace it (`tips 2fa`)"))
            }
        }
        return findings
    }

    /// Unknown access counts as write: the safe assumption for an audit.
    static func isWrite(_ token: RegistryToken) -> Bool {
        switch token.access {
        case .readOnly?, .noAccess?: false
        case .readWrite?, .readWriteStageOnly?, nil: true
        }
    }
}
