/// `audit --fix`: only what is safe to do without judgement, and never a deletion.
///
/// - the user config, and untracked files and histories holding a credential, go to mode 0600;
/// - a project `.npmrc` with one literal `_authToken` gets `${NPM_TOKEN}` instead, after a
///   private backup outside the project (asked first in the interactive shell);
/// - a literal token in the user config moves into the keyring, when the person agrees (asked,
///   or `--yes`), every other byte of the file kept.
/// Revoking a leaked token is left to the user: it needs their decision and a registry call.
struct AuditFixer {
    let shell: Shell
    let files: any AuditFileAccess
    let json: Bool
    /// `--yes` (the command's or the global one): the keyring move needs no question.
    let assumeYes: Bool

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
            if source.location == .userConfig {
                fixed += try moveTokensToKeyring(source)
                continue
            }
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

    /// Each literal `_authToken` of the user config, stored in the keyring as a login first and
    /// removed from the file only once the keyring holds it.
    private func moveTokensToKeyring(_ source: AuditSource) throws -> Int {
        let config = try shell.config()
        let path = source.absolutePath
        var current: [UInt8] = []
        _ = try shell.services.updateConfigFile(path, kind: .user) { bytes throws(ShellError) in
            current = bytes ?? []
            return nil
        }
        let document = NpmrcDocument(bytes: current)
        let literals = document.globalValues.filter { $0.key.hasPrefix("//") && $0.key.hasSuffix(":_authToken") }
            .filter { !$0.value.contains("${") && !$0.value.isEmpty }
        var moved = 0
        for literal in literals {
            let dart = String(literal.key.dropLast(":_authToken".count))
            let registry = config.registry(forNerfDart: dart)
            let shown = RegistryURL.redact(registry)
            if shell.options.dryRun {
                say("would move the token for \(shown) from \(source.path) into the keyring")
                continue
            }
            let question = "Move the token for \(shown) from \(source.path) into the keyring (every other line stays)?"
            guard try assumeYes || (shell.io.canAsk && shell.io.confirm(question, default: true)) else {
                say("skipped: the token for \(shown) stays in \(source.path) (add --yes, or run it at a terminal)")
                continue
            }
            let token = Secret(literal.value)
            shell.session.noteSecret(token)
            let keyring = try shell.keyring()
            try keyring.prepareToStore()
            let taken = Set(try keyring.items(registry: registry, kind: .login).map(\.name))
            let candidates = [KeyringItem.defaultAccount, "npmrc"] + (2...(taken.count + 2)).map { "npmrc-\($0)" }
            // Never an existing account's name: that would drop its token (still live) unseen.
            guard let name = candidates.first(where: { !taken.contains($0) }) else { continue }
            let item = KeyringItem(registry: registry, kind: .login, name: name)
            try keyring.store(item, secret: token)
            guard try keyring.secret(of: item)?.reveal() == literal.value else {
                throw ShellError(.failure, "\(keyring.place) did not keep the token; \(source.path) was left as it is")
            }
            try shell.services.editConfigFile(path, kind: .user) { document throws(ShellError) in
                guard document.value(forKey: literal.key) == literal.value else {
                    throw ShellError(
                        .failure, "\(source.path) changed while the token was moved; it was left as it is",
                        hint: "run `audit --fix` again")
                }
                document.remove(literal.key)
            }
            if name != KeyringItem.defaultAccount, shell.services.accounts?.selected(registry: item.registry) == nil {
                try shell.services.accounts?.select(name, registry: item.registry)
            }
            say("fixed: the token for \(shown) moved from \(source.path) into \(keyring.place) as the account \(name)")
            moved += 1
        }
        return moved
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
