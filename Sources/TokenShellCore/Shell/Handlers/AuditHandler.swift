/// `audit [PATH] [--json] [--fix] [--git-history]`: local checks, then the registry's tokens.
///
/// Exit status: 1 when a `high` finding exists (a usable credential exposed or sent over plain
/// http), else 0; `--fix` does not change it, since a leaked token must still be revoked.
enum AuditHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let files = shell.services.auditFiles else {
            throw ShellError(.failure, "audit needs access to the file system, which this shell does not have")
        }
        // The audit reports the user config's mode itself; the contextual tip would repeat it.
        shell.session.tipsShown.insert(ContextualTip.userConfigReadableByOthers.rawValue)
        let config = try shell.config()
        let json = shell.options.json || command.has("json")
        let request = AuditRequest(
            root: absolute(command.positionals.first ?? ".", cwd: config.cwd, home: config.home),
            includeGitHistory: command.has("git-history"), userConfigPath: config.userConfigPath,
            globalConfigPath: config.globalConfigPath, home: config.home, environment: shell.services.environment)
        let progress = shell.io.progress("auditing \(request.root)")
        let collection: AuditCollection
        do {
            collection = try files.collect(request)
            progress.stop()
        } catch {
            progress.stop()
            throw error
        }
        for note in collection.notes {
            shell.io.diagnostic("note: \(note)\n")
        }
        let findings = Auditor.findings(in: collection) + registryFindings(shell)
        let report = AuditReport(findings: findings)
        shell.io.output(json ? report.json : report.text(width: shell.io.terminalWidth))
        if command.has("fix") {
            try AuditFixer(
                shell: shell, files: files, json: json, assumeYes: command.has("yes") || shell.options.assumeYes
            )
            .apply(report, collection: collection)
        }
        if command.has("check-live") {
            try LiveCheckRun(shell: shell, command: command, json: json).run(collection, config: config)
        }
        if report.hasHighSeverity {
            let count = report.count(.high)
            throw ShellError(
                .failure, "audit found \(count) high-severity problem\(count == 1 ? "" : "s")",
                hint: "fix them as shown; revoke any token that others could have read", code: "EAUDIT")
        }
    }

    /// The registry's token list, when logged in; otherwise an info line and nothing.
    static func registryFindings(_ shell: Shell) -> [AuditFinding] {
        let registry = (try? shell.currentRegistry()) ?? NpmConfig.defaultRegistry
        do {
            let (client, registry) = try shell.authenticatedClient()
            let tokens = try client.listTokens()
            return RegistryTokenRules.findings(tokens, registry: RegistryURL.redact(registry))
        } catch RegistryError.notLoggedIn {
            shell.io.diagnostic(
                "info: not logged in to \(RegistryURL.redact(registry)): its tokens were not checked (`login` first)\n")
        } catch {
            let reason = shell.secretMask.apply(Shell.shellError(from: error).message)
            shell.io.diagnostic(
                "info: could not list the tokens of \(RegistryURL.redact(registry)) (\(reason)): registry checks skipped\n"
            )
        }
        return []
    }

    /// `PATH` as typed, made absolute: `~/` is the home folder, relative paths start at `cwd`.
    static func absolute(_ path: String, cwd: String, home: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/") { path = home + path.dropFirst() }
        if !path.hasPrefix("/") { path = (cwd.hasSuffix("/") ? cwd : cwd + "/") + path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
