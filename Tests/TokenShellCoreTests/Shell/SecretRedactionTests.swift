import Foundation
import Testing
import TokenShellCore

/// What the shell shows and writes never holds a registry URL's password or a secret it was
/// handed; credentials it was lent stay in memory.
@Suite struct SecretRedactionTests {
    static let registry = "http://alice:s3cret-pw@127.0.0.1:4873/"
    static let shown = "http://alice:***@127.0.0.1:4873/"
    let token = "npm_abcdefghijklmnopqrstuvwxyz0123456789"

    func makeShell(
        _ replies: [StubTransport.Reply] = [], environment: [String: String] = [:], config: String? = nil,
        registry: String = Self.registry, cwd: String = "/work"
    ) -> (Shell, RecordingShellIO, InMemoryServices) {
        let services = InMemoryServices(environment: environment, replies: replies, cwd: cwd)
        if let config { services.setText("/home/user/.npmrc", config) }
        let io = RecordingShellIO()
        var options = ShellOptionsValues()
        options.registry = registry
        return (Shell(io: io, services: services, options: options), io, services)
    }

    @Test("security 02: userinfo is hidden in a URL and in running text")
    func redactsUserinfo() throws {
        #expect(RegistryURL.redact(Self.registry) == Self.shown)
        #expect(RegistryURL.redact("https://npm_tok@h.example/sub/") == "https://***@h.example/sub/")
        #expect(
            RegistryURL.redact("not logged in to `http://a:b@h/` (see https://h/x@y)")
                == "not logged in to `http://a:***@h/` (see https://h/x@y)")
        #expect(RegistryURL.redact("https://registry.npmjs.org/") == "https://registry.npmjs.org/")
        let url = try #require(RegistryURL(Self.registry))
        #expect(url.redacted == Self.shown)
        #expect(url.withoutUserinfo == "http://127.0.0.1:4873/")
        #expect(url.userinfoPassword == "s3cret-pw")
        #expect(RegistryURL(Self.shown)?.hasRedactedUserinfo == true)
    }

    @Test("security 02: ping, registry, a recording and the guide's state never hold the password")
    func shellNeverShowsTheURLPassword() throws {
        let (shell, io, services) = makeShell([.json(200, "{}")])
        #expect(shell.execute("record start s.tksh") == .success)
        #expect(shell.execute("ping") == .success)
        #expect(shell.execute("registry") == .success)
        #expect(shell.execute("whoami") == .authentication)
        #expect(io.outputText.contains("PONG from \(Self.shown)"))
        #expect(io.diagnosticText.contains("not logged in to \(Self.shown)"))
        let script = try #require(services.text("s.tksh"))
        #expect(script.contains("against \(Self.shown)"))
        #expect(!shell.allowsInHistory("registry \(Self.registry)"), "a URL with userinfo is never kept")
        var progress = GuideProgress()
        progress.registry = Self.registry
        let state = try progress.serialized()
        #expect(!state.contains("s3cret-pw") && state.contains("alice:***@"))
        for text in [io.outputText, io.diagnosticText, script] { #expect(!text.contains("s3cret-pw")) }
    }

    @Test("security 17: errors hide known secrets, credential shapes and URL passwords")
    func errorRendererMasks() {
        let mask = SecretMask(secrets: ["hunter2-pw", "ab"])
        let error = ShellError(
            .usage, "unknown topic `hunter2-pw` near \(token) at http://u:p4ss@h/ ab",
            hint: "did you mean hunter2-pw?")
        let text = ErrorRenderer.text(error, mask: mask)
        let json = ErrorRenderer.json(error, mask: mask)
        for rendered in [text, json] {
            #expect(!rendered.contains("hunter2-pw") && !rendered.contains(token) && !rendered.contains("p4ss"))
            #expect(rendered.contains("npm_abcd...6789") && rendered.contains("http://u:***@h/"))
            #expect(rendered.contains(" ab"), "too short to mask in running text")
        }
    }

    @Test("security 17: an expanded TOKENSH_TOKEN or a pasted password is never echoed")
    func inputIsNotEchoed() {
        let standIn = "standin-Kx81-abcdef"
        let (shell, io, _) = makeShell(environment: ["TOKENSH_TOKEN": standIn])
        #expect(shell.execute("help ${TOKENSH_TOKEN}") == .usage)
        #expect(shell.execute("registry ${TOKENSH_TOKEN}") == .usage)
        #expect(shell.execute("Hunter2!pasted%9x") == .usage)
        #expect(shell.execute("tokn") == .usage)
        #expect(!io.diagnosticText.contains(standIn) && !io.diagnosticText.contains("Hunter2"))
        #expect(io.diagnosticText.contains("unknown command `tokn`"), "a mistyped command is still quoted")
    }

    @Test("security 05: a TOKENSH_TOKEN login lasts for the run and is saved only with --save user")
    func standInIsNotSaved() {
        let config = "# mine\n"
        let (shell, io, services) = makeShell(
            Array(repeating: .whoami("alice"), count: 4), environment: ["TOKENSH_TOKEN": token],
            config: config)
        #expect(shell.execute("login --auth-type legacy --username alice") == .success)
        #expect(shell.execute("login") == .success)
        #expect(shell.execute("whoami") == .success)
        #expect(services.text("/home/user/.npmrc") == config)
        #expect(io.outputText.contains("not saved"))
        #expect(services.stub.requests.last?.header("authorization") == "Bearer \(token)")
        #expect(shell.execute("login --save user") == .success)
        #expect(services.text("/home/user/.npmrc")?.contains(token) == true)
    }

    @Test("security 16: an unset ${NPM_TOKEN} reference is named and never sent")
    func unsetReferenceIsNamed() {
        let (shell, io, services) = makeShell(config: "//127.0.0.1:4873/:_authToken=${NPM_TOKEN}\n")
        #expect(shell.execute("whoami") == .usage)
        #expect(services.stub.requests.isEmpty)
        #expect(
            io.diagnosticText.contains(
                "//127.0.0.1:4873/:_authToken in /home/user/.npmrc uses ${NPM_TOKEN}, which is not set"))
        #expect(io.diagnosticText.contains("export NPM_TOKEN="))
    }

    @Test("security 21: the .npmrc lines of tips name the registry in use")
    func tipsNameTheRegistry() {
        let registry = "http://127.0.0.1:4873/sub/"
        for topic in [TipTopic.storage, .ci, .npmrc, .myths] {
            let body = TipLibrary.tip(topic, registry: registry).body
            #expect(body.contains("//127.0.0.1:4873/sub/:_authToken=${NPM_TOKEN}"))
            #expect(!body.contains("//registry.npmjs.org/"))
        }
        #expect(TipLibrary.tip(.ci, registry: Self.registry).body.contains("registry-url: http://127.0.0.1:4873\n"))
        #expect(ContextualTip.savedToProjectFile.text(registry: registry).contains("//127.0.0.1:4873/sub/:_authToken"))
        #expect(TipLibrary.tip(.ci).body.contains("registry-url: https://registry.npmjs.org\n"))
    }
}
