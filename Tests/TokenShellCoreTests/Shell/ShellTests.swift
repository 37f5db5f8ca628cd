import Foundation
import Synchronization
import Testing
import TokenShellCore

@Suite struct ShellTests {
    let registry = "http://127.0.0.1:4873/"
    let token = "npm_abcdefghijklmnopqrstuvwxyz0123456789"

    func makeShell(
        _ replies: [StubTransport.Reply], environment: [String: String] = [:], config: String? = nil
    ) -> (Shell, RecordingIO, InMemoryServices, StubTransport) {
        let transport = StubTransport(replies)
        let services = InMemoryServices(environment: environment, transport: transport)
        if let config { services.files.withLock { $0["/home/test/.npmrc"] = config } }
        let io = RecordingIO()
        var options = ShellOptionsValues()
        options.registry = registry
        return (Shell(io: io, services: services, options: options), io, services, transport)
    }

    @Test func whoamiSendsTheConfiguredTokenAndLearnsTheUser() {
        let (shell, io, _, transport) = makeShell(
            [.json(200, #"{"username":"alice"}"#)], config: "//127.0.0.1:4873/:_authToken=\(token)\n")
        #expect(shell.prompt == "tokensh 127.0.0.1:4873> ")
        #expect(shell.execute("whoami") == .success)
        #expect(io.stdout == "alice\n")
        #expect(transport.requests.first?.header("authorization") == "Bearer \(token)")
        #expect(shell.prompt == "tokensh alice@127.0.0.1:4873> ")
        #expect(!shell.allowsInHistory("set T=\(token)"), "a token read from config is a secret of this session")
    }

    @Test func whoamiWithoutCredentialsFailsWithoutARequest() {
        let (shell, io, _, transport) = makeShell([])
        #expect(shell.execute("whoami") == .authentication)
        #expect(transport.requests.isEmpty)
        #expect(io.stderr.contains("not logged in"))
        #expect(io.stderr.contains("hint: "))
    }

    @Test func legacyLoginWritesTheUserConfigKeepingOtherLines() {
        let (shell, io, services, transport) = makeShell(
            [.json(201, #"{"ok":true,"token":"\#(token)"}"#)], environment: ["TOKENSH_PASSWORD": "hunter2-pw"],
            config: "# mine\n//other.example/:_authToken=${OTHER}\n")
        #expect(shell.execute("login --auth-type legacy --username alice") == .success)
        let written = services.files.withLock { $0["/home/test/.npmrc"] } ?? ""
        #expect(written == "# mine\n//other.example/:_authToken=${OTHER}\n//127.0.0.1:4873/:_authToken=\(token)\n")
        #expect(io.stdout.contains("Logged in as alice"))
        #expect(!io.stdout.contains(token) && !io.stderr.contains("hunter2-pw"))
        #expect(transport.requests.first?.method == .put)
        #expect(!shell.allowsInHistory("set X=hunter2-pw"))
    }

    @Test func loginWithoutAnyWayToGetThePasswordIsAUsageError() {
        let (shell, io, _, transport) = makeShell([])
        #expect(shell.execute("login --username alice") == .usage)
        #expect(io.stderr.contains("TOKENSH_PASSWORD"))
        #expect(transport.requests.isEmpty)
    }

    @Test func unknownCommandSuggestsTheNearestOne() {
        let (shell, io, _, _) = makeShell([])
        #expect(shell.execute("whoamj") == .usage)
        #expect(io.stderr.contains("whoami"))
    }

    @Test func registryCommandSwitchesThisShellOnly() {
        let (shell, io, services, _) = makeShell([])
        #expect(shell.execute("registry https://npm.example.com") == .success)
        #expect(shell.prompt == "tokensh npm.example.com> ")
        #expect(io.stdout.contains("https://npm.example.com/"))
        #expect(services.files.withLock { $0.isEmpty })
    }

    @Test func plainHTTPToARemoteHostNeedsConsent() {
        let (shell, io, _, transport) = makeShell([], environment: ["TOKENSH_PASSWORD": "pw"])
        #expect(shell.execute("registry http://npm.example.com/") == .success)
        #expect(shell.execute("login --auth-type legacy --username alice") == .usage)
        #expect(io.stderr.contains("--allow-insecure-registry"))
        #expect(transport.requests.isEmpty)
    }

    @Test func jsonErrorsFollowTheSchema() {
        let transport = StubTransport([])
        let io = RecordingIO()
        var options = ShellOptionsValues()
        options.json = true
        let shell = Shell(io: io, services: InMemoryServices(transport: transport), options: options)
        #expect(shell.execute("bogus") == .usage)
        #expect(io.stderr.hasPrefix(#"{"error":{"code":"#))
    }

    @Test func variablesExpandAndUndefinedOnesAreErrors() {
        let (shell, io, _, _) = makeShell([])
        #expect(shell.execute("set WHO=whoami") == .success)
        #expect(shell.execute("help ${WHO}") == .success)
        #expect(io.stdout.contains("npm whoami"))
        #expect(shell.execute("help ${NOPE}") == .usage)
        #expect(io.stderr.contains("NOPE"))
    }
}
