import Foundation
import Testing
import TokenShellCore

/// Which requests the client marks as "never redirect to another origin".
@Suite struct RegistryRedirectPolicyTests {
    @Test("security 01: login, token creation, OTP and handed-over credentials stay on the registry's origin")
    func credentialRequestsStayOnOrigin() throws {
        let stub = StubTransport([
            .json(201, #"{"token":"npm_new"}"#),
            .json(200, #"{"token":"npm_created","key":"k"}"#),
            .json(200, #"{"objects":[],"urls":{}}"#),
            .json(200, #"{"token":"npm_web"}"#),
            .json(200, #"{"ok":true}"#),
            .json(200, #"{"username":"alice"}"#),
            .status(204),
        ])
        let client = makeClient(stub)
        _ = try client.couchLogin(username: "alice", password: Secret("pw"), now: Date())
        _ = try client.createToken(.classic(readonly: true, cidrWhitelist: []), password: Secret("pw"))
        _ = try client.listTokens()
        _ = try client.pollWebLogin(doneURL: "http://127.0.0.1:4873/sub/-/v1/done/1")
        try client.logout(token: Secret("npm_old"))
        _ = try client.whoami()
        try client.revokeToken(key: "abc", otp: Secret("123456"))
        #expect(
            stub.requests.map(\.redirects) == [
                .sameOrigin, .sameOrigin, .follow, .sameOrigin, .sameOrigin, .sameOrigin, .sameOrigin,
            ], "whoami's answer is about the credential: only its own registry may give it")
    }

    @Test("security 01: a web login doneUrl on another origin is refused before it is polled")
    func foreignDoneURLIsRefused() {
        let stub = StubTransport([.json(200, #"{"token":"npm_evil"}"#)])
        let client = makeClient(stub)
        #expect {
            _ = try client.pollWebLogin(doneURL: "http://127.0.0.1:4874/sub/-/v1/done/1")
        } throws: { error in
            guard case RegistryError.invalidResponse(let text) = error else { return false }
            return text.contains("http://127.0.0.1:4873") && text.contains("http://127.0.0.1:4874")
        }
        #expect(stub.requests.isEmpty)
    }
}
