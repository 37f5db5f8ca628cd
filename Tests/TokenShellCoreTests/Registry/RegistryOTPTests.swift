import Testing
import TokenShellCore

@Suite struct RegistryOTPTests {
    static let otp = StubTransport.Reply.json(
        401, #"{"error":"OTP required for authentication"}"#, headers: [HTTPHeader("WWW-Authenticate", "OTP")])

    @Test func createRetriesOnceWithTheProvidedCode() throws {
        let stub = StubTransport([Self.otp, .json(200, #"{"token":"npm_x","key":"k"}"#)])
        let client = makeClient(stub)
        let provider = StubOTPProvider([.success(Secret("654321"))])
        let created = try client.withOTP(provider: provider) { otp throws(RegistryError) in
            try client.createToken(.classic(readonly: true, cidrWhitelist: []), password: Secret("pw"), otp: otp)
        }
        #expect(created.token.reveal() == "npm_x")
        #expect(stub.requests.map { $0.header("npm-otp") } == [nil, "654321"])
        #expect(stub.requests.allSatisfy { $0.bodyText == #"{"password":"pw","readonly":true,"cidr_whitelist":[]}"# })
    }

    @Test func aWrongCodeIsRejectedWithExitThree() throws {
        let stub = StubTransport([Self.otp, Self.otp])
        let client = makeClient(stub)
        let provider = StubOTPProvider([.success(Secret("000000")), .success(Secret("111111"))])
        let error = try #require(
            throws: RegistryError.self,
            performing: {
                try client.withOTP(provider: provider) { otp throws(RegistryError) in
                    try client.revokeToken(key: "abc", otp: otp)
                }
            })
        #expect(error == .otpRejected(registryMessage: "OTP required for authentication"))
        #expect(error.status == .authentication)
        #expect(provider.challenges.count == 1)
        #expect(error.message.contains("000000") == false)
    }

    @Test func aMissingAnswerIsAUsageError() throws {
        let stub = StubTransport([Self.otp])
        let client = makeClient(stub)
        let error = try #require(
            throws: RegistryError.self,
            performing: {
                try client.withOTP(provider: StubOTPProvider([])) { otp throws(RegistryError) in
                    try client.revokeToken(key: "abc", otp: otp)
                }
            })
        #expect(error == .missingOTP)
        #expect(error.status == .usage)
        #expect(stub.requests.count == 1)
    }

    @Test func withoutAProviderTheChallengeIsFatal() {
        let stub = StubTransport([Self.otp])
        let client = makeClient(stub)
        #expect(throws: RegistryError.otpRequired(.code, registryMessage: "OTP required for authentication")) {
            try client.withOTP(provider: nil) { otp throws(RegistryError) in try client.revokeToken(key: "k", otp: otp)
            }
        }
    }

    @Test func webOTPIsPolledAndItsTokenSentAsTheCode() throws {
        let challenge = StubTransport.Reply.json(
            401,
            #"{"error":"OTP required","authUrl":"http://127.0.0.1:4873/sub/auth/1","doneUrl":"http://127.0.0.1:4873/sub/auth/1/done"}"#,
            headers: [HTTPHeader("WWW-Authenticate", "OTP")])
        let stub = StubTransport([challenge, .status(202), .json(200, #"{"token":"123456"}"#), .status(204)])
        let client = makeClient(stub)
        let provider = WebPollingProvider(client: client)
        try client.withOTP(provider: provider) { otp throws(RegistryError) in try client.revokeToken(key: "k", otp: otp)
        }
        #expect(stub.requests.map(\.method) == [.delete, .get, .get, .delete])
        #expect(stub.requests[1].url == "http://127.0.0.1:4873/sub/auth/1/done")
        #expect(stub.requests[3].header("npm-otp") == "123456")
    }

    @Test func otherErrorsPassThroughUntouched() {
        let stub = StubTransport([.json(403, #"{"error":"forbidden"}"#)])
        let client = makeClient(stub)
        let provider = StubOTPProvider([.success(Secret("1"))])
        #expect(
            throws: RegistryError.http(
                status: 403, method: "DELETE", url: "http://127.0.0.1:4873/sub/-/npm/v1/tokens/token/k",
                registryMessage: "forbidden")
        ) {
            try client.withOTP(provider: provider) { otp throws(RegistryError) in
                try client.revokeToken(key: "k", otp: otp)
            }
        }
        #expect(provider.challenges.isEmpty)
    }
}

/// The shell's web OTP answer in miniature: poll the done URL until it yields the code.
final class WebPollingProvider: OTPProvider {
    let client: RegistryClient
    init(client: RegistryClient) { self.client = client }

    func oneTimePassword(for challenge: OTPChallenge) throws(RegistryError) -> Secret {
        guard case .web(_, let doneURL) = challenge else { throw .missingOTP }
        for _ in 0..<5 {
            switch try client.pollWebLogin(doneURL: doneURL) {
            case .done(let code): return code
            case .pending: continue
            case .unsupported: throw .missingOTP
            }
        }
        throw .missingOTP
    }
}
