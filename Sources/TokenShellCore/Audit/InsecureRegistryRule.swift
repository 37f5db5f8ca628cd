/// Credentials for a registry that a config reaches over plain http on a host other than
/// loopback: every request would carry them unencrypted.
public enum InsecureRegistryRule {
    static let credentialSuffixes = [":_authToken", ":_auth", ":_password", ":username"]

    /// Findings over every npm config file collected (user, global, project `.npmrc`).
    public static func findings(in sources: [AuditSource]) -> [AuditFinding] {
        var insecure: [(nerfDart: String, url: String)] = []
        var credentials: [(nerfDart: String, key: String, file: String, line: Int)] = []
        for source in sources where isNpmConfig(source) {
            let text = source.lines.map(\.text).joined(separator: "\n")
            for entry in NpmrcDocument(parsing: text).entries where entry.section == nil {
                if entry.key == "registry" || entry.key.hasSuffix(":registry"),
                    let url = RegistryURL(entry.value), url.scheme == "http", !url.isLoopback
                {
                    insecure.append((url.nerfDart, entry.value))
                }
                if entry.key.hasPrefix("//"),
                    let suffix = credentialSuffixes.first(where: { entry.key.hasSuffix($0) })
                {
                    let nerfDart = String(entry.key.dropLast(suffix.count))
                    let line = source.lines.indices.contains(entry.line - 1) ? source.lines[entry.line - 1].number : 0
                    credentials.append((nerfDart, entry.key, source.path, line))
                }
            }
        }
        var findings: [AuditFinding] = []
        for credential in credentials {
            guard let registry = insecure.first(where: { $0.nerfDart.hasPrefix(credential.nerfDart) }) else {
                continue
            }
            findings.append(
                AuditFinding(
                    .high, .insecureRegistry, file: credential.file, line: credential.line,
                    message:
                        "\(credential.key) is sent to \(RegistryURL.redact(registry.url)), which is plain http: anyone on the "
                        + "network path can read it",
                    fix: "use the registry's https:// URL; if it has none, do not store credentials for it"))
        }
        return findings
    }

    static func isNpmConfig(_ source: AuditSource) -> Bool {
        source.location == .userConfig || source.location == .globalConfig
            || (source.fileKind == .npmrc && source.location != .shellHistory && !isCommit(source))
    }

    static func isCommit(_ source: AuditSource) -> Bool {
        if case .commit = source.location { return true }
        return false
    }
}
