/// `audit --fix`: only what is safe to do without judgement, and never a deletion.
///
/// - the user config, and untracked files and histories holding a credential, go to mode 0600;
/// - a project `.npmrc` with one literal `_authToken` gets `${NPM_TOKEN}` instead, after a
///   private backup outside the project (asked first in the interactive shell).
/// Revoking a leaked token is left to the user: it needs their decision and a registry call.
struct AuditFixer {
    let shell: Shell
    let files: any AuditFileAccess
    let json: Bool

    /// Kinds of finding that mean "this file holds a credential".
    static let credentialKinds: Set<AuditFinding.Kind> = [
        .literalToken, .legacyToken, .literalCredential, .userConfigToken,
    ]

    func apply(_ report: AuditReport, collection: AuditCollection) throws {
        let withCredentials = Set(
            report.findings.filter { Self.credentialKinds.contains($0.kind) }.compactMap(\.file))
        var fixed = 0
        for source in collection.sources where shouldTighten(source, withCredentials: withCredentials) {
            if shell.options.dryRun {
                say("would run: chmod 600 \(source.path)")
                continue
            }
            try files.restrictToOwner(source.absolutePath)
            say("fixed: \(source.path) is now private (mode 0600)")
            fixed += 1
        }
        for source in collection.sources where source.fileKind == .npmrc && withCredentials.contains(source.path) {
            guard source.location == .tracked || source.location == .untracked else { continue }
            fixed += try replaceLiteralToken(source) ? 1 : 0
        }
        if fixed == 0, !shell.options.dryRun {
            say("--fix: nothing could be fixed automatically; the fixes above need you")
        }
    }

    private func shouldTighten(_ source: AuditSource, withCredentials: Set<String>) -> Bool {
        guard let mode = source.mode, FileMode.isLooserThanPrivate(mode) else { return false }
        switch source.location {
        case .userConfig: return true
        case .untracked, .shellHistory: return withCredentials.contains(source.path)
        // A tracked file's secret is in git already (a mode does not help); the global config
        // is shared on purpose.
        case .tracked, .globalConfig, .commit: return false
        }
    }

    private func replaceLiteralToken(_ source: AuditSource) throws -> Bool {
        let question =
            "Replace the literal token in \(source.path) with ${\(LiteralTokenFix.variable)} (after a backup)?"
        if shell.options.dryRun {
            say("would replace the literal token in \(source.path) with ${\(LiteralTokenFix.variable)}")
            return false
        }
        let agreed = try shell.options.assumeYes || !shell.io.canAsk || shell.io.confirm(question, default: true)
        guard agreed else {
            say("skipped: \(source.path) left as it is")
            return false
        }
        var outcome = LiteralTokenFix.Outcome.nothingToReplace
        var backup: String?
        _ = try shell.services.updateConfigFile(source.absolutePath, kind: .project) { bytes throws(ShellError) in
            outcome = LiteralTokenFix.apply(to: bytes ?? [])
            guard case .replaced(let newBytes, _) = outcome else { return nil }
            backup = try files.backUp(source.absolutePath)
            return newBytes
        }
        switch outcome {
        case .replaced(_, let line):
            say(
                "fixed: \(source.path):\(line) now reads ${\(LiteralTokenFix.variable)}; the old file is at "
                    + "\(backup ?? "(no backup)") (mode 0600). Set \(LiteralTokenFix.variable) from a secret store, "
                    + "delete the backup once the token is safe, and revoke the token if the file was ever shared.")
            return true
        case .ambiguous(let lines):
            say(
                "not fixed: \(source.path) has literal tokens on lines "
                    + lines.map(String.init).joined(separator: ", ")
                    + "; give each its own ${VARIABLE} by hand")
        case .nothingToReplace:
            say("not fixed: \(source.path) has no literal _authToken line to replace")
        }
        return false
    }

    /// Fix results are results, except with `--json`, whose stdout holds only the report.
    private func say(_ text: String) {
        if json {
            shell.io.diagnostic(text + "\n")
        } else {
            shell.io.output(text + "\n")
        }
    }
}
