/// `--git-history`: tokens that commits added, reported once each and only when the current
/// files do not already show them.
public enum GitHistoryRule {
    /// Findings for `commits` (sources with a `.commit` location, newest commit first, as
    /// `git log` lists them); `known` holds token values already reported from the files.
    public static func findings(in commits: [AuditSource], known: Set<String>) -> [AuditFinding] {
        var oldest: [String: (source: AuditSource, line: Int, match: TokenMatch)] = [:]
        var order: [String] = []
        for source in commits {
            guard case .commit = source.location else { continue }
            for line in source.lines {
                for match in TokenMatcher.matches(in: line.text) where !known.contains(match.value) {
                    if oldest[match.value] == nil { order.append(match.value) }
                    oldest[match.value] = (source, line.number, match)
                }
            }
        }
        return order.compactMap { value in
            guard let entry = oldest[value], case .commit(let id) = entry.source.location else { return nil }
            let what = entry.match.shape == .npm ? "npm token" : "legacy npm token"
            return AuditFinding(
                entry.match.isConfident ? .high : .medium, .tokenInGitHistory, file: entry.source.path,
                line: entry.line,
                message: "commit \(id.prefix(12)) added the \(what) \(entry.match.masked); it is gone from the "
                    + "files but stays in every clone of the repository",
                fix: "revoke it (`token list`, then `token revoke ID`): that is what makes it harmless; rewriting "
                    + "history (git filter-repo) only helps before anyone else has cloned")
        }
    }
}
