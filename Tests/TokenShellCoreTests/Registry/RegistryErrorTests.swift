import Testing
import TokenShellCore

@Suite struct RegistryErrorTests {
    func classify(_ status: Int, _ body: String, header: String? = nil) -> RegistryError {
        let headers = header.map { [HTTPHeader("WWW-Authenticate", $0)] } ?? []
        let response = HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
        return RegistryError.from(response, method: .post, displayURL: "http://r/-/npm/v1/tokens")
    }

    @Test(arguments: ["OTP", "otp", "Bearer, OTP", "Basic realm=x,OTP", "OTP,  Bearer"])
    func otpHeaderIsDetected(header: String) {
        #expect(
            classify(401, #"{"error":"OTP required"}"#, header: header)
                == .otpRequired(.code, registryMessage: "OTP required"))
    }

    @Test(arguments: [#"OTP realm="x""#, "otp-ish", "Bearer OTP"])
    func otpMustBeAnExactElement(header: String) {
        if case .otpRequired = classify(401, "{}", header: header) {
            Issue.record("\(header) is not npm's OTP challenge")
        }
    }

    @Test func webOTPCarriesBothURLs() {
        let body = #"{"error":"OTP required","authUrl":"http://r/auth/1","doneUrl":"http://r/auth/1/done"}"#
        let error = classify(401, body, header: "OTP")
        #expect(
            error
                == .otpRequired(
                    .web(authURL: "http://r/auth/1", doneURL: "http://r/auth/1/done"), registryMessage: "OTP required"))
        #expect(error.message.contains("http://r/auth/1"))
        #expect(error.code == "EOTP")
    }

    @Test func otpFromBodyTextOnlyWithoutHeader() {
        #expect(classify(401, "you need a one-time password") == .otpRequired(.code, registryMessage: nil))
        #expect(
            classify(401, "one-time pass", header: "Bearer") == .authentication(.invalidToken, registryMessage: nil))
        #expect(
            classify(403, "one-time pass")
                == .http(status: 403, method: "POST", url: "http://r/-/npm/v1/tokens", registryMessage: nil))
    }

    @Test func ipAddressWinsOverOTP() {
        let error = classify(401, #"{"error":"denied"}"#, header: "OTP, ipaddress")
        #expect(error == .authentication(.ipAddressRefused, registryMessage: "denied"))
        #expect(error.code == "EAUTHIP")
        #expect(error.status == .authentication)
    }

    @Test func expiredSessionIsDistinctAndOffersLogin() {
        let body = #"{"error":"session expired: login sessions last 2 hours; log in again","code":"ESESSIONEXPIRED"}"#
        let error = classify(401, body, header: "Bearer")
        #expect(error == .sessionExpired(registryMessage: "session expired: login sessions last 2 hours; log in again"))
        #expect(error.status == .authentication)
        #expect(error.message.contains("2 hours"))
        #expect(error.hint?.contains("`login`") == true)
        #expect(error.code == "ESESSIONEXPIRED")
    }

    @Test func expiredGranularTokenIsAnInvalidToken() {
        let error = classify(401, #"{"error":"token expired","message":"token expired"}"#, header: "Bearer")
        #expect(error == .authentication(.invalidToken, registryMessage: "token expired"))
        #expect(error.message == "the registry refused the token: token expired")
        #expect(error.shellError.status == .authentication)
        #expect(error.shellError.code == "E401")
    }

    @Test func registryMessageFallsBackToMessageAndStaysOnOneLine() {
        let error = classify(500, #"{"message":"disk\nfull"}"#)
        #expect(
            error.message
                == "the registry answered 500 internal server error to POST http://r/-/npm/v1/tokens: disk full")
        #expect(error.status == .failure)
        #expect(classify(403, "<html>nope</html>").message.hasSuffix("tokens"))
    }

    @Test func transportErrorsMapToExitStatuses() {
        #expect(RegistryError.transport(.connectionRefused(host: "r")).status == .unreachable)
        #expect(RegistryError.transport(.timedOut("30 s")).status == .unreachable)
        #expect(RegistryError.transport(.cancelled).status == .interrupted)
        #expect(RegistryError.transport(.invalidURL("x")).status == .usage)
        #expect(RegistryError.transport(.connectionRefused(host: "r")).hint?.contains("`ping`") == true)
        #expect(RegistryError.missingOTP.status == .usage)
        #expect(RegistryError.missingOTP.hint?.contains("TOKENSH_OTP_COMMAND") == true)
        #expect(RegistryError.otpRejected(registryMessage: nil).status == .authentication)
    }

    @Test func transportFailureSurfacesFromTheClient() throws {
        let stub = StubTransport([.failure(.connectionRefused(host: "127.0.0.1:4873"))])
        let error = try #require(throws: RegistryError.self, performing: { try makeClient(stub).ping() })
        #expect(error == .transport(.connectionRefused(host: "127.0.0.1:4873")))
        #expect(error.shellError.status == .unreachable)
    }

    @Test func pingAndWhoami() throws {
        let stub = StubTransport([.json(200, "not json"), .json(200, #"{"username":"alice"}"#)])
        let client = makeClient(stub, registry: "http://127.0.0.1:4873/sub")
        #expect(try client.ping() == .object([]))
        #expect(try client.whoami() == "alice")
        #expect(
            stub.requests.map(\.url) == [
                "http://127.0.0.1:4873/sub/-/ping?write=true", "http://127.0.0.1:4873/sub/-/whoami",
            ])
        #expect(stub.requests.map { $0.header("npm-command") } == ["ping", "whoami"])
        #expect(stub.requests[0].header("content-type") == nil)
    }

    @Test func scopeAndAuthTypeHeaders() throws {
        let stub = StubTransport([.json(200, #"{"username":"alice"}"#)])
        var client = makeClient(stub)
        client.scope = "@myco"
        client.authType = .legacy
        _ = try client.whoami()
        #expect(stub.requests.first?.header("npm-scope") == "@myco")
        #expect(stub.requests.first?.header("npm-auth-type") == "legacy")
    }
}
