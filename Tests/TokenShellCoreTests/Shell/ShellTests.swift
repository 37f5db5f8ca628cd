import Foundation
import Testing
import TokenShellCore

@Suite struct ShellTests {
    let registry = "http://127.0.0.1:4873/"
    let token = "npm_abcdefghijklmnopqrstuvwxyz0123456789"

    func makeShell(
        _ replies: [StubTransport.Reply], environment: [String: String] = [:], config: String? = nil
    ) -> (Shell, RecordingShellIO, InMemoryServices, StubTransport) {
        let services = InMemoryServices(environment: environment, replies: replies)
        let transport = services.stub
        if let config { services.setText("/home/user/.npmrc", config) }
        let io = RecordingShellIO()
        var options = ShellOptionsValues()
        options.registry = registry
        return (Shell(io: io, services: services, options: options), io, services, transport)
    }

    @Test func whoamiSendsTheConfiguredTokenAndLearnsTheUser() {
        let (shell, io, _, transport) = makeShell(
            [.json(200, #"{"username":"alice"}"#)], config: "//127.0.0.1:4873/:_authToken=\(token)\n")
        #expect(shell.prompt == "tokensh 127.0.0.1:4873> ")
        #expect(shell.execute("whoami") == .success)
        #expect(io.outputText == "alice\n")
        #expect(transport.requests.first?.header("authorization") == "Bearer \(token)")
        #expect(shell.prompt == "tokensh alice@127.0.0.1:4873> ")
        #expect(!shell.allowsInHistory("set T=\(token)"), "a token read from config is a secret of this session")
    }

    @Test func whoamiWithoutCredentialsFailsWithoutARequest() {
        let (shell, io, _, transport) = makeShell([])
        #expect(shell.execute("whoami") == .authentication)
        #expect(transport.requests.isEmpty)
        #expect(io.diagnosticText.contains("not logged in"))
        #expect(io.diagnosticText.contains("hint: "))
    }

    @Test func legacyLoginWritesTheUserConfigKeepingOtherLines() {
        let (shell, io, services, transport) = makeShell(
            [.json(201, #"{"ok":true,"token":"\#(token)"}"#)], environment: ["TOKENSH_PASSWORD": "hunter2-pw"],
            config: "# mine\n//other.example/:_authToken=${OTHER}\n")
        #expect(shell.execute("login --auth-type legacy --username alice") == .success)
        let written = services.text("/home/user/.npmrc") ?? ""
        #expect(written == "# mine\n//other.example/:_authToken=${OTHER}\n//127.0.0.1:4873/:_authToken=\(token)\n")
        #expect(io.outputText.contains("Logged in as alice"))
        #expect(!io.outputText.contains(token) && !io.diagnosticText.contains("hunter2-pw"))
        #expect(transport.requests.first?.method == .put)
        #expect(!shell.allowsInHistory("set X=hunter2-pw"))
    }

    @Test func loginWithoutAnyWayToGetThePasswordIsAUsageError() {
        let (shell, io, _, transport) = makeShell([])
        #expect(shell.execute("login --username alice") == .usage)
        #expect(io.diagnosticText.contains("TOKENSH_PASSWORD"))
        #expect(transport.requests.isEmpty)
    }

    @Test func unknownCommandSuggestsTheNearestOne() {
        let (shell, io, _, _) = makeShell([])
        #expect(shell.execute("whoamj") == .usage)
        #expect(io.diagnosticText.contains("whoami"))
    }

    @Test func registryCommandSwitchesThisShellOnly() {
        let (shell, io, services, _) = makeShell([])
        #expect(shell.execute("registry https://npm.example.com") == .success)
        #expect(shell.prompt == "tokensh npm.example.com> ")
        #expect(io.outputText.contains("https://npm.example.com/"))
        #expect(services.text("/home/user/.npmrc") == nil)
    }

    @Test func plainHTTPToARemoteHostNeedsConsent() {
        let (shell, io, _, transport) = makeShell([], environment: ["TOKENSH_PASSWORD": "pw"])
        #expect(shell.execute("registry http://npm.example.com/") == .success)
        #expect(shell.execute("login --auth-type legacy --username alice") == .usage)
        #expect(io.diagnosticText.contains("--allow-insecure-registry"))
        #expect(transport.requests.isEmpty)
    }

    @Test func jsonErrorsFollowTheSchema() {
        let io = RecordingShellIO()
        var options = ShellOptionsValues()
        options.json = true
        let shell = Shell(io: io, services: InMemoryServices(), options: options)
        #expect(shell.execute("bogus") == .usage)
        #expect(io.diagnosticText.hasPrefix(#"{"error":{"code":"#))
    }

    @Test func variablesExpandAndUndefinedOnesAreErrors() {
        let (shell, io, _, _) = makeShell([])
        #expect(shell.execute("set WHO=whoami") == .success)
        #expect(shell.execute("help ${WHO}") == .success)
        #expect(io.outputText.contains("npm whoami"))
        #expect(shell.execute("help ${NOPE}") == .usage)
        #expect(io.diagnosticText.contains("NOPE"))
    }
}
