import Testing
import TokenShellCore

@Suite struct RegistryClientTokenTests {
    static let granularObject =
        #"{"token":"npm_AbCd...WxYz","key":"aaa111","name":"ci","description":null,"readonly":true,"#
        + #""automation":false,"cidr_whitelist":["10.0.0.0/8"],"created":"2026-11-01T00:00:00.000Z","#
        + #""updated":"2026-11-01T00:00:00.000Z","expires":"2026-12-01T00:00:00.000Z","access":"read-only","#
        + #""packages_all":true,"packages":[],"scopes":["@myco"],"orgs":[],"orgs_permission":"no-access","#
        + #""bypass_2fa":false,"permissions":[{"name":"package","action":"read"}]}"#
    static let classicObject =
        #"{"token":"npm_0i","key":"bbb222","readonly":false,"automation":false,"cidr_whitelist":null,"#
        + #""created":"2021-12-04T17:23:39.744Z","updated":"2021-12-04T17:23:39.744Z"}"#

    @Test func listFollowsAbsoluteAndPrefixlessNextUnderAPrefix() throws {
        let stub = StubTransport([
            .json(
                200, #"{"objects":["# + Self.granularObject + #"],"total":3,"urls":{"next":"/-/npm/v1/tokens?page=1"}}"#
            ),
            .json(
                200,
                #"{"objects":["# + Self.classicObject
                    + #"],"total":3,"urls":{"next":"http://127.0.0.1:4873/sub/-/npm/v1/tokens?page=2"}}"#),
            .json(200, #"{"objects":[{"key":"ccc333"},{"token":"no key"}],"total":3,"urls":{}}"#),
        ])
        let tokens = try makeClient(stub).listTokens()
        #expect(tokens.map(\.key) == ["aaa111", "bbb222", "ccc333"])
        #expect(
            stub.requests.map(\.url) == [
                "http://127.0.0.1:4873/sub/-/npm/v1/tokens?perPage=9999",
                "http://127.0.0.1:4873/sub/-/npm/v1/tokens?page=1",
                "http://127.0.0.1:4873/sub/-/npm/v1/tokens?page=2",
            ])
        #expect(stub.requests.allSatisfy { $0.header("authorization") == "Bearer " + testToken.reveal() })
        #expect(stub.requests.allSatisfy { $0.header("npm-command") == "token" && $0.method == .get })
    }

    @Test func listFallsBackToNpmsPlainRequestWhenThePageSizeIsRefused() throws {
        let stub = StubTransport([
            .json(400, #"{"error":"unknown query perPage"}"#),
            .json(200, #"{"objects":["# + Self.classicObject + #"],"total":1,"urls":{}}"#),
        ])
        let tokens = try makeClient(stub).listTokens()
        #expect(tokens.map(\.key) == ["bbb222"])
        #expect(
            stub.requests.map(\.url) == [
                "http://127.0.0.1:4873/sub/-/npm/v1/tokens?perPage=9999",
                "http://127.0.0.1:4873/sub/-/npm/v1/tokens",
            ])
    }

    @Test func listReportsAPlainRequestsRefusal() throws {
        let stub = StubTransport([
            .json(400, #"{"error":"no"}"#),
            .json(400, #"{"error":"still no"}"#),
        ])
        #expect(throws: RegistryError.self) { try makeClient(stub).listTokens() }
        #expect(stub.requests.count == 2)
    }

    @Test func listSendsNoCredentialsToAnotherHost() throws {
        let stub = StubTransport([
            .json(200, #"{"objects":[],"urls":{"next":"https://elsewhere.example/-/npm/v1/tokens?page=1"}}"#),
            .json(200, #"{"objects":[],"urls":{}}"#),
        ])
        _ = try makeClient(stub).listTokens()
        #expect(stub.requests[0].header("authorization") != nil)
        #expect(stub.requests[1].header("authorization") == nil)
    }

    @Test func listStopsOnALoopAndOnThePageCap() {
        let loop = StubTransport([
            .json(200, #"{"objects":[],"urls":{"next":"-/npm/v1/tokens?page=1"}}"#),
            .json(200, #"{"objects":[],"urls":{"next":"/-/npm/v1/tokens?page=1"}}"#),
        ])
        #expect(throws: RegistryError.self) { try makeClient(loop).listTokens() }
        #expect(loop.requests.count == 2)
        let pages = (0..<5).map { StubTransport.Reply.json(200, #"{"objects":[],"urls":{"next":"/p\#($0)"}}"#) }
        let endless = StubTransport(pages)
        #expect(throws: RegistryError.invalidResponse("the token list did not end after 3 pages")) {
            try makeClient(endless).listTokens(maxPages: 3)
        }
    }

    @Test func listOnARegistryWithoutTheTokenAPIIsExplained() throws {
        let stub = StubTransport([.json(404, #"{"error":"Not found"}"#)])
        let error = try #require(throws: RegistryError.self, performing: { try makeClient(stub).listTokens() })
        #expect(error == .tokenAPIUnavailable(registry: "http://127.0.0.1:4873/sub/", status: 404))
        #expect(error.message.contains("does not offer the npm token API"))
        #expect(error.status == .failure)
    }

    @Test func listWithoutCredentialsFailsBeforeAnyRequest() {
        let stub = StubTransport([])
        #expect(throws: RegistryError.notLoggedIn(registry: "http://127.0.0.1:4873/sub/")) {
            try makeClient(stub, credential: .none).listTokens()
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func tokenModelsDeriveKindAccessAndCIDR() throws {
        let granular = try #require(RegistryJSON.parse(Self.granularObject).flatMap(RegistryToken.init(json:)))
        #expect(granular.kind == .granular)
        #expect(granular.access == .readOnly)
        #expect(granular.cidr == ["10.0.0.0/8"])
        #expect(granular.scopes == ["@myco"])
        #expect(granular.expires == "2026-12-01T00:00:00.000Z")
        #expect(granular.name == "ci")
        let classic = try #require(RegistryJSON.parse(Self.classicObject).flatMap(RegistryToken.init(json:)))
        #expect(classic.kind == .classic)
        #expect(classic.access == .readWrite)
        #expect(classic.cidr.isEmpty)
        #expect(classic.expires == nil)
        let permissionsOnly = try #require(
            RegistryJSON.parse(#"{"key":"k","permissions":[{"name":"package","action":"write"}],"cidr":"bad"}"#)
                .flatMap(RegistryToken.init(json:)))
        #expect(permissionsOnly.kind == .granular)
        #expect(permissionsOnly.access == .readWrite)
        #expect(permissionsOnly.cidr.isEmpty)
        #expect(RegistryJSON.parse(#"{"key":7}"#).flatMap(RegistryToken.init(json:)) == nil)
    }

    @Test func shortIDsFollowNpmsRule() throws {
        let keys = ["abcdef111", "abcdef222", "abcdzz999", "123456789", "abcdef111"]
        let tokens = try keys.map { key in try #require(RegistryToken(json: .object([("key", .string(key))]))) }
        #expect(RegistryToken.shortIDs(for: tokens) == ["abcdef111", "abcdef2", "abcdzz", "123456", "abcdef111"])
        let short = try #require(RegistryToken(json: .object([("key", .string("abc"))])))
        #expect(RegistryToken.shortIDs(for: [short]) == ["abc"])
    }

    @Test func classicCreateSendsBothFieldsAlways() throws {
        let stub = StubTransport([
            .json(200, #"{"token":"npm_ClassicTokenValue0000000000000000000","key":"k1","readonly":true}"#)
        ])
        let created = try makeClient(stub).createToken(
            .classic(readonly: false, cidrWhitelist: []), password: Secret("pw"))
        let request = try #require(stub.requests.first)
        #expect(request.method == .post && request.url == "http://127.0.0.1:4873/sub/-/npm/v1/tokens")
        #expect(request.bodyText == #"{"password":"pw","readonly":false,"cidr_whitelist":[]}"#)
        #expect(request.header("content-type") == "application/json")
        #expect(created.token.reveal() == "npm_ClassicTokenValue0000000000000000000")
        #expect(created.object.key == "k1")
        #expect(created.object.maskedToken == "npm_Clas...0000")
        #expect(created.object.raw.serialized.contains("ClassicTokenValue") == false)
    }

    @Test func granularCreateSendsNpm11BodyInOrder() throws {
        let full = "npm_GranularTokenValue000000000000000000"
        let stub = StubTransport([.json(201, #"{"token":""# + full + #"","name":"ci-publish","access":"read-write"}"#)])
        let request = GranularTokenRequest(
            name: "ci-publish", description: "used by CI", packages: ["pkg-a"], scopes: ["@myco"],
            packagesAndScopesPermission: .readWrite, expiresDays: 30, cidrWhitelist: ["10.0.0.0/8"], bypass2FA: true)
        let created = try makeClient(stub).createToken(.granular(request), password: Secret("pw"))
        #expect(
            stub.requests.first?.bodyText
                == #"{"name":"ci-publish","password":"pw","description":"used by CI","packages":["pkg-a"],"#
                + #""scopes":["@myco"],"packages_and_scopes_permission":"read-write","expires":30,"#
                + #""cidr_whitelist":["10.0.0.0/8"],"bypass_2fa":true}"#)
        #expect(created.object.key == TokenKey.key(for: full))
        #expect(created.object.kind == .granular)
        #expect(created.object.access == .readWrite)
    }

    @Test func granularBodyOmitsUnsetFieldsButKeepsNullName() {
        let minimal = GranularTokenRequest(name: nil).body(password: Secret("pw"))
        #expect(minimal.serialized == #"{"name":null,"password":"pw"}"#)
        let all = GranularTokenRequest(
            name: "n", packagesAll: true, orgs: ["o"], packagesAndScopesPermission: .readOnly,
            orgsPermission: .noAccess)
        #expect(
            all.body(password: Secret("p")).serialized
                == #"{"name":"n","password":"p","packages_all":true,"orgs":["o"],"#
                + #""packages_and_scopes_permission":"read-only","orgs_permission":"no-access"}"#)
    }

    @Test func classicRefusalOnNpmjsShowsTheRegistrysWords() throws {
        let text = "Classic tokens are no longer supported: create a granular access token instead"
        let stub = StubTransport([.json(400, #"{"error":""# + text + #"","message":"x"}"#)])
        let error = try #require(
            throws: RegistryError.self,
            performing: {
                try makeClient(stub).createToken(.classic(readonly: true, cidrWhitelist: []), password: Secret("pw"))
            })
        #expect(error.message.hasSuffix(": " + text))
        #expect(
            error.message.hasPrefix(
                "the registry answered 400 bad request to POST http://127.0.0.1:4873/sub/-/npm/v1/tokens"))
        #expect(error.status == .failure)
        #expect(error.message.contains("pw") == false)
    }

    @Test func revokeDeletesByKey() throws {
        let stub = StubTransport([.status(204)])
        try makeClient(stub).revokeToken(key: "abc123")
        let request = try #require(stub.requests.first)
        #expect(request.method == .delete)
        #expect(request.url == "http://127.0.0.1:4873/sub/-/npm/v1/tokens/token/abc123")
        #expect(request.header("npm-command") == "token")
    }

    @Test func logoutDeletesTheEncodedTokenWithItselfAsBearer() throws {
        let session = Secret("npm_a/b+c")
        let stub = StubTransport([.json(200, #"{"ok":true}"#)])
        try makeClient(stub, credential: .none).logout(token: session)
        let request = try #require(stub.requests.first)
        #expect(request.method == .delete)
        #expect(request.url == "http://127.0.0.1:4873/sub/-/user/token/npm_a%2Fb%2Bc")
        #expect(request.header("authorization") == "Bearer npm_a/b+c")
        #expect(request.header("npm-command") == "logout")
    }

    @Test func failedLogoutIsAnErrorThatHidesTheToken() throws {
        let stub = StubTransport([.json(404, #"{"error":"Not found"}"#)])
        let error = try #require(
            throws: RegistryError.self, performing: { try makeClient(stub).logout(token: Secret("npm_secretvalue")) })
        #expect(error.message.contains("npm_secretvalue") == false)
        #expect(error.message.contains("<redacted>"))
        #expect(error.message.hasSuffix(": Not found"))
    }
}
