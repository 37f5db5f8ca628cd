import Foundation
import Testing
import TokenShellCore

@Suite struct RegistryClientLoginTests {
    let now = Date(timeIntervalSince1970: 1_795_945_428.966)

    @Test func couchLoginSendsNpmsDocumentInOrderWithoutTheStaleToken() throws {
        let stub = StubTransport([.json(201, #"{"ok":true,"id":"org.couchdb.user:alice","token":"npm_new"}"#)])
        let token = try makeClient(stub).couchLogin(username: "alice", password: Secret("pa\"ss"), now: now)
        #expect(token.reveal() == "npm_new")
        let request = try #require(stub.requests.first)
        #expect(request.method == .put)
        #expect(request.url == "http://127.0.0.1:4873/sub/-/user/org.couchdb.user:alice")
        #expect(
            request.bodyText
                == #"{"_id":"org.couchdb.user:alice","name":"alice","password":"pa\"ss","type":"user","roles":[],"#
                + #""date":"2026-11-29T09:43:48.966Z"}"#)
        #expect(request.header("authorization") == nil)
        #expect(request.header("npm-command") == "login")
        #expect(request.header("npm-auth-type") == "web")
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("user-agent") == "tokensh/0.1 test")
    }

    @Test func couchLoginEncodesTheNameInTheURLButNotInTheDocument() throws {
        let stub = StubTransport([.json(201, #"{"token":"npm_new"}"#)])
        _ = try makeClient(stub).couchLogin(username: "a b/c", password: Secret("pw"), now: now)
        let request = try #require(stub.requests.first)
        #expect(request.url.hasSuffix("-/user/org.couchdb.user:a%20b%2Fc"))
        #expect(request.bodyText?.hasPrefix(#"{"_id":"org.couchdb.user:a b/c","name":"a b/c""#) == true)
    }

    @Test func couchConflictFetchesMergesAndPutsTheRevisionWithBasicAuth() throws {
        let stub = StubTransport([
            .json(409, #"{"error":"conflict"}"#),
            .json(
                200,
                #"{"_id":"org.couchdb.user:alice","_rev":"1-abc","name":"alice","email":"alice@example.com","#
                    + #""type":"user","roles":["admin"],"date":"2020-01-01T00:00:00.000Z"}"#),
            .json(201, #"{"ok":true,"token":"npm_after409"}"#),
        ])
        let token = try makeClient(stub).couchLogin(username: "alice", password: Secret("secret"), now: now)
        #expect(token.reveal() == "npm_after409")
        let requests = stub.requests
        try #require(requests.count == 3)
        #expect(requests[1].method == .get)
        #expect(requests[1].url == "http://127.0.0.1:4873/sub/-/user/org.couchdb.user:alice?write=true")
        #expect(requests[2].method == .put)
        #expect(requests[2].url == "http://127.0.0.1:4873/sub/-/user/org.couchdb.user:alice/-rev/1-abc")
        #expect(requests[2].header("authorization") == "Basic YWxpY2U6c2VjcmV0")
        #expect(
            requests[2].bodyText
                == #"{"_id":"org.couchdb.user:alice","name":"alice","password":"secret","type":"user","#
                + #""roles":["admin"],"date":"2026-11-29T09:43:48.966Z","_rev":"1-abc","email":"alice@example.com"}"#)
    }

    @Test func couchLoginWithoutRevisionUsesUndefinedLikeNpm() throws {
        let stub = StubTransport([.status(409), .json(200, #"{"name":"alice"}"#), .json(201, #"{"token":"t"}"#)])
        _ = try makeClient(stub).couchLogin(username: "alice", password: Secret("pw"), now: now)
        #expect(stub.requests.last?.url.hasSuffix("/-rev/undefined") == true)
    }

    @Test func unknownUserIsNamed() {
        let stub = StubTransport([.json(400, #"{"error":"bad request"}"#)])
        #expect(throws: RegistryError.noSuchUser("bob")) {
            try makeClient(stub).couchLogin(username: "bob", password: Secret("pw"), now: now)
        }
        #expect(RegistryError.noSuchUser("bob").message == "there is no user named \"bob\" on this registry")
    }

    @Test func wrongPasswordIsAnAuthenticationError() throws {
        let stub = StubTransport([
            .json(
                401, #"{"error":"incorrect password"}"#,
                headers: [HTTPHeader("WWW-Authenticate", #"Basic realm="npm""#)])
        ])
        let error = try #require(
            throws: RegistryError.self,
            performing: { try makeClient(stub).couchLogin(username: "alice", password: Secret("nope"), now: now) })
        #expect(error == .authentication(.wrongPassword, registryMessage: "incorrect password"))
        #expect(error.status == .authentication)
        #expect(error.shellError.message == "incorrect or missing password: incorrect password")
        #expect(error.message.contains("nope") == false)
    }

    @Test func loginWithoutATokenInTheReplyIsInvalid() {
        let stub = StubTransport([.json(201, #"{"ok":true}"#)])
        #expect(throws: RegistryError.invalidResponse("the registry accepted the login but sent no token")) {
            try makeClient(stub).couchLogin(username: "alice", password: Secret("pw"), now: now)
        }
    }

    @Test func couchLoginRerunsFromTheTopWithTheOTP() throws {
        let otpReply = StubTransport.Reply.json(
            401, #"{"error":"OTP required for authentication"}"#, headers: [HTTPHeader("WWW-Authenticate", "OTP")])
        let stub = StubTransport([
            .status(409), .json(200, #"{"_rev":"2-x"}"#), otpReply,
            .status(409), .json(200, #"{"_rev":"2-x"}"#), .json(201, #"{"token":"npm_ok"}"#),
        ])
        let client = makeClient(stub)
        let provider = StubOTPProvider([.success(Secret("123456"))])
        let token = try client.withOTP(provider: provider) { otp throws(RegistryError) in
            try client.couchLogin(username: "alice", password: Secret("pw"), otp: otp, now: now)
        }
        #expect(token.reveal() == "npm_ok")
        #expect(provider.challenges == [.code])
        let otps = stub.requests.map { $0.header("npm-otp") }
        #expect(otps == [nil, nil, nil, "123456", "123456", "123456"])
    }

    @Test func webLoginStartsAndPollsUntilDone() throws {
        let stub = StubTransport([
            .json(
                200, #"{"loginUrl":"http://127.0.0.1:4873/sub/login/x","doneUrl":"http://127.0.0.1:4873/sub/done/x"}"#),
            .status(202, headers: [HTTPHeader("Retry-After", "3")]),
            .status(202),
            .json(200, #"{"token":"npm_web"}"#),
        ])
        let client = makeClient(stub)
        let start = try client.startWebLogin()
        #expect(
            start
                == .started(loginURL: "http://127.0.0.1:4873/sub/login/x", doneURL: "http://127.0.0.1:4873/sub/done/x"))
        let done = "http://127.0.0.1:4873/sub/done/x"
        #expect(try client.pollWebLogin(doneURL: done) == .pending(retryAfter: 3))
        #expect(try client.pollWebLogin(doneURL: done) == .pending(retryAfter: nil))
        #expect(try client.pollWebLogin(doneURL: done) == .done(Secret("npm_web")))
        let post = try #require(stub.requests.first)
        #expect(post.method == .post && post.url == "http://127.0.0.1:4873/sub/-/v1/login")
        #expect(post.bodyText == "{}")
        #expect(stub.requests.dropFirst().allSatisfy { $0.method == .get && $0.url == done })
    }

    @Test(arguments: [400, 401, 403, 404, 405, 500])
    func webLoginStartRefusalMeansUnsupported(status: Int) throws {
        let stub = StubTransport([.json(status, #"{"error":"nope"}"#)])
        #expect(try makeClient(stub).startWebLogin() == .unsupported)
    }

    @Test(arguments: [403, 404, 500])
    func webLoginPollRefusalMeansUnsupported(status: Int) throws {
        let stub = StubTransport([.status(status)])
        #expect(try makeClient(stub).pollWebLogin(doneURL: "http://127.0.0.1:4873/sub/done") == .unsupported)
    }

    @Test func webLoginInvalidRepliesAreClearErrors() {
        let relative = StubTransport([.json(200, #"{"loginUrl":"/login","doneUrl":"/done"}"#)])
        #expect(throws: RegistryError.self) { try makeClient(relative).startWebLogin() }
        let noToken = StubTransport([.json(200, #"{}"#)])
        #expect(throws: RegistryError.invalidResponse("the web login endpoint approved the login but sent no token")) {
            try makeClient(noToken).pollWebLogin(doneURL: "http://127.0.0.1:4873/sub/done")
        }
        let odd = StubTransport([.status(302)])
        #expect(throws: RegistryError.invalidResponse("the web login endpoint answered 302 to a poll")) {
            try makeClient(odd).pollWebLogin(doneURL: "http://127.0.0.1:4873/sub/done")
        }
        let gateway = StubTransport([.status(502)])
        #expect(throws: RegistryError.self) { try makeClient(gateway).startWebLogin() }
    }

    @Test func pollDelayHonoursRetryAfterWithACap() {
        #expect(WebLoginPoll.nextDelay(retryAfter: 5) == 5)
        #expect(WebLoginPoll.nextDelay(retryAfter: 600) == 10)
        #expect(WebLoginPoll.nextDelay(retryAfter: nil) == 1)
        #expect(WebLoginPoll.nextDelay(retryAfter: 0) == 0)
    }
}
