/// `guide [--restart]`: the onboarding walkthrough of design §5.
///
/// Each step runs a typed-style line through `Shell.execute`, so it behaves and records exactly
/// as if the user had typed it; the guide only explains, asks and keeps its progress.
enum GuideHandler {
    static let defaultScript = "tokensh-guide.tksh"

    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        guard shell.io.canAsk else {
            throw ShellError(
                .usage, "guide is interactive: it needs a terminal",
                hint: "run `tokensh` in a terminal and type `guide`; to repeat a guide without one, replay the "
                    + "script it saved", code: "ENOTTY")
        }
        let storage = shell.services.guide
        var progress = GuideProgress()
        if !command.has("restart"), let text = storage?.readProgress(), let saved = GuideProgress(serialized: text),
            !saved.finished
        {
            progress = saved
        }
        if progress.hasStarted {
            restoreRegistry(&progress, shell)
            let step = progress.nextStep ?? .tips
            shell.io.diagnostic(
                "Resuming the guide at step \(step.number) of \(GuideStep.allCases.count): \(step.title). "
                    + "(`guide --restart` starts over.)\n")
        } else {
            shell.io.diagnostic(
                "The guide walks you from choosing a registry to a least-privilege token stored safely. "
                    + "Each step says what it does and shows the npm command that does the same; answer y to run "
                    + "it, n to skip it, stop to pause (run `guide` later to carry on).\n")
        }
        while let step = progress.nextStep {
            try save(progress, storage)
            do {
                try perform(step, &progress, shell)
            } catch let error as ShellError where error.status == .interrupted {
                throw paused(step)
            }
        }
        try save(progress, storage)
        shell.io.diagnostic("\nThe guide is done.\n")
        try offerScript(progress, shell)
    }

    private static func paused(_ step: GuideStep) -> ShellError {
        ShellError(
            .interrupted, "guide paused at step \(step.number): \(step.title)",
            hint: "run `guide` to carry on from there, `guide --restart` to begin again", code: "EGUIDEPAUSED")
    }

    private static func save(_ progress: GuideProgress, _ storage: (any GuideStorage)?) throws(ShellError) {
        try storage?.writeProgress(progress.serialized())
    }

    /// A resumed guide talks to the registry chosen before; a practice registry from another
    /// shell is gone, so that choice is asked again.
    private static func restoreRegistry(_ progress: inout GuideProgress, _ shell: Shell) {
        guard progress.outcomes[.registry] == .done, let registry = progress.registry else { return }
        switch progress.registryChoice {
        case .url where RegistryURL(registry)?.hasRedactedUserinfo == true:
            shell.io.diagnostic(
                "The registry of the last guide had a password in its URL, which is never saved; choose the registry "
                    + "again.\n")
            progress.reopen(.registry)
        case .url:
            shell.session.registryOverride = registry
        case .practice where shell.session.registryOverride != registry:
            shell.io.diagnostic("The practice registry of the last guide has stopped; choose the registry again.\n")
            progress.reopen(.registry)
        default:
            break
        }
    }

    private static func perform(_ step: GuideStep, _ progress: inout GuideProgress, _ shell: Shell) throws {
        shell.io.diagnostic("\nStep \(step.number) of \(GuideStep.allCases.count): \(step.title)\n\(step.why)\n")
        switch step {
        case .registry: try chooseRegistry(&progress, shell)
        case .ping: try runStep(step, "ping", &progress, shell)
        case .login: try login(&progress, shell)
        case .whoami: try runStep(step, "whoami", &progress, shell)
        case .createToken: try createToken(&progress, shell)
        case .storeToken:
            let registry = (try? shell.currentRegistry()) ?? NpmConfig.defaultRegistry
            shell.io.diagnostic("npm: the same .npmrc line and environment variable work with npm itself\n")
            shell.io.diagnostic(
                GuideAdvice.storage(
                    registry: registry, savedFile: progress.savedTokenFile, keyringName: progress.savedKeyringName))
            progress.finish(step, .done)
        case .listTokens: try runStep(step, "token list", &progress, shell)
        case .tips:
            shell.io.diagnostic("npm: none (`npm help npmrc` documents the config lines these tips use)\n\n")
            for topic in GuideAdvice.tipTopics(for: progress) {
                shell.io.diagnostic(TipLibrary.tip(topic, registry: shell.registryForDisplay).rendered + "\n")
            }
            progress.finish(step, .done)
        }
    }

    private static func chooseRegistry(_ progress: inout GuideProgress, _ shell: Shell) throws {
        let current = try shell.currentRegistry()
        shell.io.diagnostic(
            "current: \(RegistryURL.redact(current))\npractice: a sandbox registry on this machine, with a demo account\n"
                + "or type another registry's URL (e.g. https://registry.npmjs.org/)\n")
        let answer = try shell.io.ask("Registry", default: "current", choices: ["current", "practice"])
        switch answer.lowercased() {
        case "current", "c":
            progress.registryChoice = .current
            progress.registry = current
            try runStep(.registry, "registry", &progress, shell, replayable: false)
        case "practice", "p":
            guard let storage = shell.services.guide else {
                throw ShellError(
                    .failure, "this tokensh cannot start a practice registry", hint: "run `tokensh --sandbox`")
            }
            let practice = try storage.startPracticeRegistry()
            shell.session.registryOverride = practice.url
            progress.registryChoice = .practice
            progress.registry = practice.url
            shell.io.diagnostic(
                "Started a practice registry at \(practice.url) for this shell. Demo account: \(practice.username), "
                    + "password \(practice.password).\n")
            shell.io.diagnostic("npm: npm --registry \(practice.url) … (on every npm command)\n")
            progress.finish(.registry, .done)
        default:
            guard let url = RegistryURL(answer) else {
                shell.io.diagnostic("That is neither `current`, `practice` nor an http(s) URL.\n")
                return
            }
            progress.registryChoice = .url
            progress.registry = url.normalized
            try runStep(.registry, "registry " + ShellQuoting.quote(url.normalized), &progress, shell)
        }
    }

    private static func login(_ progress: inout GuideProgress, _ shell: Shell) throws {
        let registry = try shell.currentRegistry()
        let local = GuideAdvice.isLoopback(registry)
        let type = try shell.io.ask(
            "Log in with the browser (web) or username and password (legacy)?", default: local ? "legacy" : "web",
            choices: ["web", "legacy"])
        var line = "login --auth-type " + (type.lowercased().hasPrefix("l") ? "legacy" : "web")
        if line.hasSuffix("legacy") {
            let username = try shell.io.ask("Username", default: local ? "demo" : nil)
            if !username.isEmpty { line += " --username " + ShellQuoting.quote(username) }
        }
        progress.loginType = line.contains("legacy") ? "legacy" : "web"
        try runStep(.login, line, &progress, shell)
    }

    private static func createToken(_ progress: inout GuideProgress, _ shell: Shell) throws {
        let proposed = TokenPreset.ciInstall.proposedName(now: shell.services.now())
        let name = try shell.io.ask("Token name", default: proposed)
        let file = GuideAdvice.tokenFile(name: name, environment: shell.services.environment)
        var line = "token create --name " + ShellQuoting.quote(name)
        shell.io.diagnostic(GuideAdvice.saveChoices(file: file))
        // A name that cannot name a keyring item (spaces) is kept under a plain one.
        let keyringName = (try? KeyringItem.checkName(name, what: "keyring token")) != nil ? name : "guide-token"
        progress.tokenSave = nil
        while progress.tokenSave == nil {
            switch try shell.io.ask("Save to", default: "keyring", choices: ["keyring", "file", "none"]).lowercased() {
            case "keyring", "k": progress.tokenSave = "keyring:" + keyringName
            case "file", "f": progress.tokenSave = "file:" + file
            case "none", "n": progress.tokenSave = "none"
            default: shell.io.diagnostic("Answer keyring, file or none.\n")
            }
        }
        if let save = progress.tokenSave, save != "none" { line += " --save " + ShellQuoting.quote(save) }
        progress.tokenName = name
        try runStep(.createToken, line, &progress, shell)
    }

    /// Shows the line and its npm equivalent, asks, runs it; a failure offers retry or skip.
    private static func runStep(
        _ step: GuideStep, _ line: String, _ progress: inout GuideProgress, _ shell: Shell, replayable: Bool = true
    ) throws {
        shell.io.diagnostic("tokensh: \(RegistryURL.redact(line))\n")
        if let parsed = try? shell.parser.parse(line, variables: { shell.session.variables.lookup($0) }) {
            if let npm = NpmEquivalent.of(parsed, registryKind: .granular) {
                shell.io.diagnostic("npm: \(RegistryURL.redact(npm.command))\(npm.note.map { " (\($0))" } ?? "")\n")
            }
            if step == .createToken {
                shell.io.diagnostic("     (the wizard shows the exact npm line for this registry before it creates)\n")
            }
        }
        while true {
            switch try consent(shell) {
            case .skip:
                progress.finish(step, .skipped)
                return
            case .stop:
                throw paused(step)
            case .run:
                break
            }
            let status = shell.execute(line)
            if status == .success {
                var recorded: String?
                if replayable, let completed = shell.completedCommand,
                    case .write(let text) = ScriptRecorder.decision(
                        for: completed, completed: completed, allowsLine: { shell.allowsInHistory($0) })
                {
                    recorded = text
                }
                progress.finish(step, .done, line: recorded)
                return
            }
            if status == .interrupted { throw paused(step) }
            switch try recovery(shell) {
            case .retry: continue
            case .skip:
                progress.finish(step, .skipped)
                return
            case .stop: throw paused(step)
            }
        }
    }

    private static func consent(_ shell: Shell) throws(ShellError) -> GuideConsent {
        while true {
            let answer = try shell.io.ask("Run it? (y/n/skip)", default: "y", choices: GuideConsent.choices)
            if let consent = GuideConsent(answer: answer) { return consent }
            shell.io.diagnostic("Answer y to run it, n or skip to skip it, stop to pause the guide.\n")
        }
    }

    private static func recovery(_ shell: Shell) throws(ShellError) -> GuideRecovery {
        shell.io.diagnostic("That step failed; the message above says why.\n")
        while true {
            let answer = try shell.io.ask("Retry, skip or stop?", default: "retry", choices: GuideRecovery.choices)
            if let recovery = GuideRecovery(answer: answer) { return recovery }
        }
    }

    /// Offers the commands the guide ran as a script that replays them.
    private static func offerScript(_ progress: GuideProgress, _ shell: Shell) throws {
        guard !progress.lines.isEmpty else { return }
        let count = progress.lines.count
        guard try shell.io.confirm("Save the \(count) commands the guide ran as a replayable script?", default: true)
        else { return }
        let registry = progress.registry ?? (try? shell.currentRegistry()) ?? NpmConfig.defaultRegistry
        let text =
            ScriptHeader.render(recordedAt: shell.services.now(), registry: registry)
            + progress.lines.map { $0 + "\n" }.joined()
        while true {
            let path = try shell.io.ask("Script file", default: defaultScript)
            do throws(ShellError) {
                try shell.services.writeScriptFile(path, contents: text, replacing: false)
                shell.io.diagnostic(
                    "Saved \(path). Replay it with `tokensh \(path)` (unattended: TOKENSH_PASSWORD or "
                        + "TOKENSH_TOKEN in the environment, and --registry URL for another registry).\n")
                return
            } catch {
                shell.io.diagnostic(ErrorRenderer.inline(error, mask: shell.secretMask) + "\n")
            }
        }
    }
}
