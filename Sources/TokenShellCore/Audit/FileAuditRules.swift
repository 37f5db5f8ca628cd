/// The checks on one collected text: literal tokens and credentials, and the user config's mode.
public enum FileAuditRules {
    /// Findings for one file or history (not commits: see `GitHistoryRule`).
    public static func findings(in source: AuditSource) -> [AuditFinding] {
        if case .commit = source.location { return [] }
        if source.isAbandonedStaging { return [leftoverFinding(source)] }
        var findings: [AuditFinding] = []
        let kind = source.location == .userConfig || source.location == .globalConfig ? .npmrc : source.fileKind
        for line in source.lines {
            let matches = TokenMatcher.matches(in: line.text)
            for match in matches {
                findings.append(tokenFinding(match, source: source, line: line.number))
            }
            guard matches.isEmpty,
                let credential = CredentialLine.parse(
                    line.text, kind: kind, isShellHistory: source.location == .shellHistory)
            else { continue }
            findings.append(credentialFinding(credential, source: source, line: line.number))
        }
        if source.location == .userConfig, let mode = source.mode, FileMode.isLooserThanPrivate(mode) {
            findings.append(permissionFinding(source, mode: mode, holdsCredential: !findings.isEmpty))
        }
        return findings
    }

    static func tokenFinding(_ match: TokenMatch, source: AuditSource, line: Int) -> AuditFinding {
        let what = match.shape == .npm ? "npm token \(match.masked)" : "legacy npm token \(match.masked)"
        if source.location == .userConfig {
            return userConfigFinding(what: what, source: source, line: line)
        }
        let kind: AuditFinding.Kind = match.shape == .npm ? .literalToken : .legacyToken
        var message = "literal \(what) \(place(source))"
        switch (match.shape, match.checksumMatches) {
        case (.npm, true): message += "; its checksum matches, so it is very likely real"
        case (.npm, false) where !match.isAssignedToCredential:
            message += "; its checksum does not match npm's, so it may be an example, but check"
        case (.legacyUUID, _): message += "; npm revoked its legacy tokens in 2025, other registries may not have"
        default: break
        }
        return AuditFinding(
            severity(source, confident: match.isConfident), kind, file: source.path, line: line, message: message,
            fix: fix(for: source))
    }

    static func credentialFinding(_ credential: CredentialLine, source: AuditSource, line: Int) -> AuditFinding {
        let what = "\(credential.key) value \(NpmToken.masked(credential.value))"
        if source.location == .userConfig {
            return userConfigFinding(what: what, source: source, line: line)
        }
        return AuditFinding(
            severity(source, confident: true), .literalCredential, file: source.path, line: line,
            message: "literal credential (\(what)) \(place(source))", fix: fix(for: source))
    }

    static func userConfigFinding(what: String, source: AuditSource, line: Int) -> AuditFinding {
        let isPrivate = source.mode.map { !FileMode.isLooserThanPrivate($0) } ?? true
        return AuditFinding(
            .info, .userConfigToken, file: source.path, line: line,
            message: "\(what) in your npm user config: this is how npm stores logins"
                + (isPrivate ? " (the file is private)" : ", but see the file's permissions"),
            fix:
                "nothing to do while the file stays at mode 0600; `logout` or `token revoke` when you no longer need it"
        )
    }

    /// One finding for a whole left-over temporary file: deleting it is the fix, whatever it holds.
    static func leftoverFinding(_ source: AuditSource) -> AuditFinding {
        let token = source.lines.lazy.flatMap { TokenMatcher.matches(in: $0.text) }.first
        let credential = source.lines.lazy.compactMap { CredentialLine.parse($0.text, kind: .npmrc) }.first
        let fix =
            "delete it (`rm -- \(source.path)`): a write of the config next to it was killed before it finished; "
            + "the config itself is whole"
        if let token {
            return AuditFinding(
                .high, .leftoverTemporaryFile, file: source.path,
                message: "left-over temporary file holding a token (\(token.masked)): delete it", fix: fix)
        }
        if let credential {
            return AuditFinding(
                .high, .leftoverTemporaryFile, file: source.path,
                message:
                    "left-over temporary file holding a credential (\(credential.key) value "
                    + "\(NpmToken.masked(credential.value))): delete it",
                fix: fix)
        }
        return AuditFinding(
            .low, .leftoverTemporaryFile, file: source.path, message: "left-over temporary file of a config write",
            fix: fix)
    }

    static func permissionFinding(_ source: AuditSource, mode: UInt32, holdsCredential: Bool) -> AuditFinding {
        let access = FileMode.isReadableByOthers(mode) ? "read" : "change"
        return AuditFinding(
            holdsCredential ? .high : .medium, .configPermissions, file: source.path,
            message:
                "the npm user config has mode \(FileMode.octal(mode)): other users of this machine can \(access) it"
                + (holdsCredential ? ", and it holds a credential" : ""),
            fix: "chmod 600 \(source.path) (`audit --fix` does it); npm itself writes this file with mode 0600")
    }

    /// High for anything usable outside the user config, except what only looks like a token
    /// and a `.env` file git does not track (keeping secrets there is the point of such files).
    static func severity(_ source: AuditSource, confident: Bool) -> AuditSeverity {
        if source.location == .untracked, source.fileKind == .env { return .medium }
        return confident ? .high : .medium
    }

    static func place(_ source: AuditSource) -> String {
        switch source.location {
        case .tracked: "in a file tracked by git: everyone with the repository has it"
        case .untracked: "in a file git does not track: one `git add` or a copied folder away from leaking"
        case .userConfig: "in your npm user config"
        case .globalConfig: "in npm's global config, which every user of this npm reads"
        case .shellHistory: "in your shell history: it was typed on a command line"
        case .commit(let id): "added by commit \(id.prefix(12))"
        }
    }

    static func fix(for source: AuditSource) -> String {
        let revoke = "revoke it (`token list`, then `token revoke ID`) and create a replacement"
        switch (source.location, source.fileKind) {
        case (.shellHistory, _):
            return "\(revoke); delete the line from \(source.path); pass tokens through the environment "
                + "or a prompt, never as arguments"
        case (.globalConfig, _):
            return "move it to your user config (mode 0600) or write //HOST/:_authToken=${NPM_TOKEN} and set "
                + "NPM_TOKEN from a secret store"
        case (.tracked, .npmrc):
            return "\(revoke); write //HOST/:_authToken=${NPM_TOKEN} instead (`audit --fix` does it); "
                + "the commit history still holds the old value"
        case (_, .npmrc):
            return "write //HOST/:_authToken=${NPM_TOKEN} instead and keep the token in a secret store "
                + "(`audit --fix` does it, after a backup)"
        case (.tracked, .yarnrc), (.untracked, .yarnrc):
            return "write npmAuthToken: \"${NPM_TOKEN}\" instead and keep the token in the environment"
                + (source.location == .tracked ? "; \(revoke): the commit history still holds it" : "")
        case (.tracked, .env):
            return "\(revoke); `git rm --cached \(source.path)` and add .env* to .gitignore"
        case (_, .env):
            return "keep .env* in .gitignore and out of packages (package.json `files`); better, load NPM_TOKEN "
                + "from a secret store"
        default:
            return "\(revoke); read it from the environment instead of writing it into files"
        }
    }
}
