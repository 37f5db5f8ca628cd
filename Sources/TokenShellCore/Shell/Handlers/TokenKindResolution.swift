/// How `token create` settles the token kind: the detector's verdict, the person's answer when
/// it cannot tell, and what a create showed, remembered for the next create on that registry.
enum TokenKindResolution {
    /// The kind to create and why; asks at a terminal when the evidence says nothing, and
    /// records the answer in the command so a replay does not ask again.
    static func resolve(
        _ command: ParsedCommand, rows: [TokenRow], shape: TokenListShape?, client: RegistryClient, _ shell: Shell
    ) throws -> (kind: RegistryToken.Kind, reason: String, asked: Bool) {
        let forced: RegistryToken.Kind? =
            command.has("classic") ? .classic : command.has("granular") ? .granular : nil
        var credential: Secret?
        if case .bearer(let token) = client.credential { credential = token }
        let verdict = TokenKindDetector.detect(
            TokenKindDetector.Evidence(
                forced: forced, tokens: rows.map(\.token), registry: client.registry, listShape: shape,
                learnt: memory(shell).entry(for: client.registry), credential: credential))
        if let kind = verdict.kind { return (kind, verdict.reason, false) }
        let choices =
            "--classic (a read-only flag and a CIDR list: Verdaccio and most private registries) or "
            + "--granular (name, permissions, packages, expiry: registry.npmjs.org)"
        guard shell.io.canAsk else {
            throw ShellError(
                .usage, "cannot tell whether \(client.registry) issues classic or granular tokens: \(verdict.reason)",
                hint: "add " + choices, code: "EKIND")
        }
        shell.io.diagnostic(
            "tokensh cannot tell which tokens \(client.registry) issues (\(verdict.reason)): classic tokens have a "
                + "read-only flag and a CIDR list (Verdaccio, most private registries), granular ones a name, "
                + "permissions and an expiry (npmjs).\n")
        let answer = try shell.io.ask(
            "Token kind (classic/granular)", default: "classic", choices: ["classic", "granular"])
        guard let kind = RegistryToken.Kind(rawValue: answer.lowercased()) else {
            throw ShellError(.usage, "the token kind must be classic or granular", hint: "add " + choices)
        }
        return (kind, "as you said", true)
    }

    /// Remembers what a create showed about the registry; a failure to write is only a warning.
    static func remember(_ kind: RegistryToken.Kind, registry: String, reason: String, _ shell: Shell) {
        guard let store = shell.services.registryKinds else { return }
        var learnt = memory(shell)
        guard learnt.remember(kind, for: registry, reason: reason, now: shell.services.now()) else { return }
        do {
            try store.writeKinds(learnt.text)
        } catch {
            shell.io.diagnostic("warning: \(error.message)\n")
        }
    }

    static func memory(_ shell: Shell) -> RegistryKindMemory {
        RegistryKindMemory(text: shell.services.registryKinds?.readKinds())
    }
}
