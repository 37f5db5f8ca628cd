import Testing
import TokenShellCore

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxRetries: 2, baseDelay: 1, maxDelay: 8, maxRetryAfter: 30)

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsOnGetBackOff(status: Int) {
        let outcome = RetryPolicy.Outcome.response(status: status, retryAfter: nil)
        #expect(policy.delay(method: .get, outcome: outcome, attempt: 0) == 1)
        #expect(policy.delay(method: .get, outcome: outcome, attempt: 1) == 2)
        #expect(policy.delay(method: .get, outcome: outcome, attempt: 2) == nil)
    }

    @Test(arguments: [HTTPMethod.post, .put, .delete])
    func writesAreNeverRepeated(method: HTTPMethod) {
        #expect(policy.delay(method: method, outcome: .response(status: 503, retryAfter: nil), attempt: 0) == nil)
        #expect(policy.delay(method: method, outcome: .transport(.other("reset")), attempt: 0) == nil)
    }

    @Test func tooManyRequestsHonoursRetryAfterUpToTheCap() {
        #expect(policy.delay(method: .get, outcome: .response(status: 429, retryAfter: "5"), attempt: 0) == 5)
        #expect(policy.delay(method: .get, outcome: .response(status: 429, retryAfter: "3600"), attempt: 0) == 30)
        #expect(
            policy.delay(
                method: .get, outcome: .response(status: 429, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT"), attempt: 1)
                == 2)
    }

    @Test func otherOutcomesAreFinal() {
        for status in [200, 202, 400, 401, 404, 409] {
            #expect(policy.delay(method: .get, outcome: .response(status: status, retryAfter: "1"), attempt: 0) == nil)
        }
        #expect(policy.delay(method: .get, outcome: .transport(.connectionRefused(host: "h")), attempt: 0) == nil)
        #expect(policy.delay(method: .get, outcome: .transport(.cancelled), attempt: 0) == nil)
        #expect(policy.delay(method: .get, outcome: .transport(.other("connection reset")), attempt: 0) == 1)
        #expect(
            RetryPolicy.none.delay(method: .get, outcome: .response(status: 503, retryAfter: nil), attempt: 0) == nil)
    }

    @Test func theClientRetriesGetsThroughTheSleeper() throws {
        let sleeper = RecordingSleeper()
        let stub = StubTransport([
            .status(503), .status(429, headers: [HTTPHeader("Retry-After", "7")]), .json(200, #"{"username":"alice"}"#),
        ])
        let client = makeClient(stub, retry: policy, sleeper: sleeper)
        #expect(try client.whoami() == "alice")
        #expect(sleeper.recorded == [1, 7])
        #expect(stub.requests.count == 3)
    }

    @Test func theClientGivesUpAfterTheLastRetry() throws {
        let sleeper = RecordingSleeper()
        let stub = StubTransport([.status(502), .status(502), .json(502, #"{"error":"bad gateway"}"#), .status(200)])
        let error = try #require(
            throws: RegistryError.self,
            performing: { try makeClient(stub, retry: policy, sleeper: sleeper).whoami() })
        #expect(error.code == "E502")
        #expect(sleeper.recorded == [1, 2])
        #expect(stub.remaining == 1)
    }

    @Test func theClientNeverRepeatsAPost() throws {
        let sleeper = RecordingSleeper()
        let stub = StubTransport([.status(503), .json(200, #"{"token":"t","key":"k"}"#)])
        #expect(throws: RegistryError.self) {
            try makeClient(stub, retry: policy, sleeper: sleeper).createToken(
                .classic(readonly: true, cidrWhitelist: []), password: Secret("pw"))
        }
        #expect(stub.requests.count == 1)
        #expect(sleeper.recorded.isEmpty)
    }
}
