import Foundation
import Testing

@testable import TokenShellCore

/// Basic credentials from an npm config are sent as npm sends them (issue "Sound seams", bug 4).
@Suite struct BasicCredentialTests {
    static let registry = "https://npm.example.test/"
    static let pair = Data("alice:pa55-word!".utf8).base64EncodedString()

    func shell(config: String, replies: [StubTransport.Reply] = [.whoami("alice")]) -> ScriptTestShell {
        let test = ScriptTestShell(environment: [:], replies: replies, registry: Self.registry)
        test.services.setText("/home/user/.npmrc", config)
        return test
    }

    @Test("seams bug 4: _auth is sent as Basic") func authIsSentAsBasic() throws {
        let test = shell(config: "//npm.example.test/:_auth=\(Self.pair)\n")
        #expect(test.shell.execute("whoami") == .success)
        #expect(test.io.outputText == "alice\n")
        let request = try #require(test.services.stub.requests.first)
        #expect(request.header("authorization") == "Basic \(Self.pair)")
        #expect(test.io.diagnosticText.contains("basic credentials (//npm.example.test/:_auth in /home/user/.npmrc)"))
        #expect(!test.io.diagnosticText.contains(Self.pair))
    }

    @Test("seams bug 4: username and _password are sent as Basic")
    func usernameAndPasswordAreSentAsBasic() throws {
        let password = Data("pa55-word!".utf8).base64EncodedString()
        let test = shell(config: "//npm.example.test/:username=alice\n//npm.example.test/:_password=\(password)\n")
        #expect(test.shell.execute("whoami") == .success)
        #expect(test.services.stub.requests.first?.header("authorization") == "Basic \(Self.pair)")
        #expect(!test.shell.allowsInHistory("echo pa55-word!"), "the password counts as a secret")
    }

    @Test func aTokenWinsOverBasicCredentialsAsInNpm() throws {
        let token = "npm_stand1nF0rTestsOnlyAAAAAAAAAAAAAAAAAA"
        let test = shell(config: "//npm.example.test/:_auth=\(Self.pair)\n//npm.example.test/:_authToken=\(token)\n")
        #expect(test.shell.execute("whoami") == .success)
        #expect(test.services.stub.requests.first?.header("authorization") == "Bearer \(token)")
    }

    @Test func basicCredentialsNeverGoToAnotherOrigin() throws {
        let stub = StubTransport([.json(200, #"{"objects":[],"urls":{}}"#)])
        let client = makeClient(stub, registry: Self.registry, credential: .basic(Secret(Self.pair)))
        let other = client.headers(
            command: "token", auth: .configured, otp: nil, url: "https://elsewhere.test/-/npm/v1/tokens", hasBody: false
        )
        #expect(!other.contains { $0.name == "authorization" })
        let own = client.headers(
            command: "token", auth: .configured, otp: nil, url: Self.registry + "-/whoami", hasBody: false)
        #expect(own.contains { $0.name == "authorization" && $0.value == "Basic \(Self.pair)" })
    }

    @Test func configListNamesThemWithoutTheirValue() throws {
        let test = shell(config: "//npm.example.test/:_auth=\(Self.pair)\n")
        #expect(test.shell.execute("config list") == .success)
        #expect(test.io.outputText.contains("//npm.example.test/:_auth = (protected: basic credentials)"))
        #expect(!test.io.outputText.contains(Self.pair))
    }
}

@Suite struct BasicWhoamiFallbackTests {
    @Test func aRegistryWithoutWhoamiGetsTheConfigsUserNameAsNpmPrintsIt() {
        let pair = Data("alice:pa55-word!".utf8).base64EncodedString()
        let test = ScriptTestShell(environment: [:], replies: [.status(404)], registry: "https://npm.example.test/")
        test.services.setText("/home/user/.npmrc", "//npm.example.test/:_auth=\(pair)\n")
        #expect(test.shell.execute("whoami") == .success)
        #expect(test.io.outputText == "alice\n")
        #expect(test.io.diagnosticText.contains("no whoami endpoint"))
    }

    @Test func aTokenThatGets404IsStillAnError() {
        let test = ScriptTestShell(replies: [.status(404)], registry: "https://npm.example.test/")
        #expect(test.shell.execute("whoami") != .success)
    }
}
