#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `status`: every credential found, each registry asked at once.
enum StatusHandler {
    static let defaultTimeout = 10

    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let config = try shell.config()
        let subjects = try self.subjects(config, shell)
        var probes = [StatusProbe?](repeating: nil, count: subjects.count)
        var clients: [(Int, RegistryClient, String?)] = []
        var local: [[String]] = []
        for (index, subject) in subjects.enumerated() {
            var problems = localProblems(subject, shell)
            if let url = RegistryURL(subject.registry), url.scheme == "http", !url.isLoopback,
                !shell.options.allowInsecureRegistry
            {
                problems.append(
                    "plain http: not asked, the credential would cross the network unencrypted "
                        + "(use the registry's https URL)")
                probes[index] = StatusProbe(outcome: .notAsked("plain http"))
            } else if case .none = subject.sent {
                probes[index] = StatusProbe(outcome: .notAsked("nothing to send"))
            } else {
                var client = shell.client(registry: subject.registry, credential: subject.sent)
                client.retryPolicy = .none
                client.requestTimeout = Double(command.integer("timeout") ?? defaultTimeout)
                clients.append((index, client, subject.tokenKey))
            }
            local.append(problems)
        }
        let progress = shell.io.progress(
            "asking \(clients.count == 1 ? "1 registry" : "\(clients.count) registries")")
        let answered = StatusProbe.runAll(
            clients.map { job in (job.1, job.2, subjects[job.0].credential?.localUsername) },
            isCancelled: { shell.services.isInterrupted })
        // Stopped first: a spinner left running would draw over the next prompt.
        progress.stop()
        if shell.services.isInterrupted { throw ShellError(.interrupted, "interrupted: status was not finished") }
        for (job, probe) in zip(clients, answered) { probes[job.0] = probe }
        let entries = subjects.enumerated().map { index, subject in
            StatusReport.Entry(
                subject: subject, probe: probes[index] ?? StatusProbe(outcome: .notAsked("not asked")),
                localProblems: local[index])
        }
        let report = StatusReport(entries: entries, now: shell.services.now())
        shell.io.output(shell.options.json || command.has("json") ? report.json : report.text)
        let status = report.exitStatus
        guard status == .success else {
            let reason: String
            switch status {
            case .unreachable: reason = "a registry could not be reached"
            case .authentication: reason = "a registry refused its credential"
            default: reason = entries.isEmpty ? "no credentials found" : "something needs attention"
            }
            let hint = entries.isEmpty ? "`login` makes one" : "see the lines above"
            throw ShellError(status, reason, hint: hint, code: "ESTATUS")
        }
    }

    /// The credentials tokensh or npm would send, one per registry: the config's (files and
    /// `npm_config_*`), this session's logins, and `TOKENSH_TOKEN` for the registry in use.
    static func subjects(_ config: NpmConfig, _ shell: Shell) throws -> [StatusSubject] {
        var subjects: [StatusSubject] = []
        for dart in config.credentialNerfDarts {
            let registry = config.registry(forNerfDart: dart)
            guard !subjects.contains(where: { $0.registry == registry }),
                let credential = config.credential(forRegistry: registry)
            else { continue }
            let store = credential.path ?? "the \(credential.source) settings"
            var sent = RegistryClient.Credential.none
            if let token = try? credential.usableToken() {
                sent = .bearer(token)
            } else if let pair = try? credential.usableBasicPair() {
                sent = .basic(pair)
            }
            subjects.append(StatusSubject(registry: registry, credential: credential, store: store, sent: sent))
        }
        keyringSubjects(into: &subjects, shell)
        for (registry, token) in shell.session.sessionTokens.sorted(by: { $0.key < $1.key })
        where !subjects.contains(where: { $0.registry == registry }) {
            subjects.append(
                StatusSubject(registry: registry, credential: nil, store: "this session only", sent: .bearer(token)))
        }
        let current = try shell.currentRegistry(config)
        if let standIn = shell.secretVariables.value(SecretVariables.token),
            !subjects.contains(where: { $0.registry == current })
        {
            subjects.append(
                StatusSubject(registry: current, credential: nil, store: "TOKENSH_TOKEN", sent: .bearer(standIn)))
        }
        for subject in subjects {
            if case .bearer(let token) = subject.sent { shell.session.noteSecret(token) }
            if case .basic(let pair) = subject.sent { shell.session.noteSecret(pair) }
            if let password = subject.credential?.basicPassword { shell.session.noteSecret(password) }
        }
        return subjects
    }

    /// The keyring's logins: an account chosen with `account use` is what is sent, so it takes
    /// the config's place; any other counts only where the config has nothing.
    private static func keyringSubjects(into subjects: inout [StatusSubject], _ shell: Shell) {
        guard shell.services.keyringMayHoldItems else { return }
        do {
            let keyring = try shell.keyring()
            let registries = try keyring.items().filter { $0.kind == .login }.map(\.registry)
            var seen: Set<String> = []
            for registry in registries where seen.insert(registry).inserted {
                let chosen = shell.services.accounts?.selected(registry: registry) != nil
                let existing = subjects.firstIndex { KeyringItem.canonical($0.registry) == registry }
                if existing != nil, !chosen { continue }
                guard let (item, token) = try shell.keyringLogin(for: registry, explicitOnly: false) else { continue }
                var subject = StatusSubject(
                    registry: existing.map { subjects[$0].registry } ?? registry, credential: nil,
                    store: "\(keyring.place) (account \(item.name))", sent: .bearer(token))
                subject.isLogin = true
                if let existing { subjects[existing] = subject } else { subjects.append(subject) }
            }
        } catch {
            shell.io.diagnostic(
                "note: the keyring was not read: \(ErrorRenderer.inline(error, mask: shell.secretMask))\n")
        }
    }

    static func localProblems(_ subject: StatusSubject, _ shell: Shell) -> [String] {
        guard let credential = subject.credential else { return [] }
        var problems: [String] = []
        if credential.passwordIsNotBase64 {
            problems.append(
                "\(credential.key.replacing(":username", with: ":_password")) is not base64, as npm stores it: "
                    + "npm sends something else than the password; store there what `printf %s 'PASSWORD' | base64` "
                    + "prints")
        }
        if let reference = credential.unresolvedReference {
            problems.append("\(credential.key) uses \(reference), which is not set: nothing is sent")
        }
        // A project config is meant to be committed: its mode is not a problem, a literal in it is.
        if credential.source == .user, let path = credential.path,
            let mode = shell.services.auditFiles?.permissions(atPath: path),
            mode & 0o077 != 0
        {
            problems.append(
                "\(path) can be read by other users (mode \(String(mode & 0o777, radix: 8))): "
                    + "`chmod 600 \(ShellQuoting.quote(path))`")
        }
        if credential.source == .project, !credential.isInterpolated {
            problems.append(
                "a literal credential in the project config, which is usually committed: "
                    + "use ${NPM_TOKEN} there (`audit --fix`)")
        }
        return problems
    }
}
