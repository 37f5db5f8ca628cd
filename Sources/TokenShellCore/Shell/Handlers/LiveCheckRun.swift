/// `audit --check-live`: asks, after one confirmation, whether each literal token found still
/// works, each only of its own registry; then offers to revoke the live ones of this login.
struct LiveCheckRun {
    let shell: Shell
    let command: ParsedCommand
    let json: Bool

    func run(_ collection: AuditCollection, config: NpmConfig) throws {
        // A token with no registry line of its own goes to the registry in use, unless a project's
        // .npmrc chose that one: a cloned project must not collect the tokens found beside it.
        let chosenByProject =
            shell.session.registryOverride == nil && shell.options.registry == nil
            && config.value(forKey: "registry")?.source == .project
        let current = chosenByProject ? nil : try shell.currentRegistry(config)
        let targets = LiveCheck.targets(in: collection, config: config, current: current)
        let everyToken = LiveCheck.targets(in: collection, config: config, current: "about:none")
        if chosenByProject, everyToken.count > targets.count {
            shell.io.diagnostic(
                "\(everyToken.count - targets.count) token(s) with no registry line of their own were not checked: the "
                    + "registry in use is set by this project's .npmrc. Name your registry to check them: "
                    + "tokensh --registry URL -c 'audit --check-live'\n")
        }
        guard !targets.isEmpty else {
            if json { shell.io.output(LiveCheck.json([])) } else { shell.io.diagnostic("No literal token to check.\n") }
            return
        }
        for target in targets { shell.session.noteSecret(target.token) }
        let registries = Set(targets.map(\.registry)).sorted().map(RegistryURL.redact)
        shell.io.diagnostic(
            "Each token goes only to the registry it belongs to: \(registries.joined(separator: ", ")).\n")
        let question =
            targets.count == 1
            ? "Ask whether the token found still works?" : "Ask whether the \(targets.count) tokens found still work?"
        guard try TokenHandlerSupport.confirm(question, command, shell, action: "--check-live") else {
            throw ShellError(.failure, "no token was sent", code: "ECANCELLED")
        }
        // The audit is recorded as confirmed; a revoke run from here is recorded on its own.
        let recorded = shell.completedCommand
        defer { shell.completedCommand = recorded }

        var jobs: [(client: RegistryClient, tokenKey: String?, localUser: String?)] = []
        var results = targets.map { LiveCheck.Result(target: $0, verdict: .unknown("not asked")) }
        var asked: [Int] = []
        for (index, target) in targets.enumerated() {
            guard LiveCheck.mayAsk(target.registry) else {
                results[index].verdict = .unknown("not sent: plain http to a host other than loopback")
                continue
            }
            // A client of its own per token: the token is its only credential, for its registry only.
            var client = shell.client(registry: target.registry, credential: .bearer(target.token))
            client.retryPolicy = .none
            client.requestTimeout = 10
            jobs.append((client, nil, nil))
            asked.append(index)
        }
        let progress = shell.io.progress("asking about \(jobs.count == 1 ? "1 token" : "\(jobs.count) tokens")")
        let probes = StatusProbe.runAll(jobs, isCancelled: { shell.services.isInterrupted })
        // Stopped first: a spinner left running would draw over the next prompt.
        progress.stop()
        if shell.services.isInterrupted { throw ShellError(.interrupted, "interrupted: the check was not finished") }
        for (index, probe) in zip(asked, probes) { results[index].verdict = LiveCheck.verdict(probe) }
        shell.io.output(json ? LiveCheck.json(results) : LiveCheck.text(results))
        if !json { try offerRevokes(results, current: try shell.currentRegistry(config)) }
    }

    /// A live token of the account logged in to the registry in use can be revoked here.
    private func offerRevokes(_ results: [LiveCheck.Result], current: String) throws {
        let live = results.filter {
            if case .live = $0.verdict { return $0.target.registry == current } else { return false }
        }
        guard !live.isEmpty, let (client, _) = try? shell.authenticatedClient(), let me = try? client.whoami() else {
            return
        }
        // The token this shell logs in with is the login itself: `logout` ends it, not this.
        let ownToken: String? = if case .bearer(let token) = client.credential { token.reveal() } else { nil }
        for result in live where result.target.token.reveal() != ownToken {
            guard case .live(let user) = result.verdict, user == me else { continue }
            let key = TokenKey.key(for: result.target.token.reveal())
            guard shell.io.canAsk else {
                shell.io.diagnostic(
                    "Revoke \(result.target.masked) with `token revoke \(key.prefix(12)) --yes`.\n")
                continue
            }
            let question = "Revoke \(result.target.masked) now?"
            if try shell.io.confirm(question, default: false) {
                shell.execute("token revoke \(key) --yes")
            }
        }
    }
}
