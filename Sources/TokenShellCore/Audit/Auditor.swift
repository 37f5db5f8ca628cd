/// All local rules over what the file layer collected.
public enum Auditor {
    public static func findings(in collection: AuditCollection) -> [AuditFinding] {
        var files: [AuditSource] = []
        var commits: [AuditSource] = []
        for source in collection.sources {
            if case .commit = source.location { commits.append(source) } else { files.append(source) }
        }
        var findings = files.flatMap(FileAuditRules.findings(in:))
        findings += InsecureRegistryRule.findings(in: files)
        if !commits.isEmpty {
            var known = Set<String>()
            for source in files {
                for line in source.lines {
                    known.formUnion(TokenMatcher.matches(in: line.text).map(\.value))
                }
            }
            findings += GitHistoryRule.findings(in: commits, known: known)
        }
        return findings
    }
}
