import Synchronization
import TokenShellCore

/// Answers requests from a queue of canned replies and records every request it was sent.
final class StubTransport: HTTPTransport {
    enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(TransportError)
    }

    private struct State {
        var replies: [Reply]
        var requests: [HTTPRequest] = []
    }

    private let state: Mutex<State>

    init(_ replies: [Reply]) {
        state = Mutex(State(replies: replies))
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }
    var remaining: Int { state.withLock { $0.replies.count } }

    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let reply = state.withLock { state -> Reply? in
            state.requests.append(request)
            return state.replies.isEmpty ? nil : state.replies.removeFirst()
        }
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        case nil: throw .other("no canned reply for \(request.method.rawValue) \(request.url)")
        }
    }
}

extension StubTransport.Reply {
    static func json(_ status: Int, _ body: String, headers: [HTTPHeader] = []) -> Self {
        .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    static func status(_ status: Int, headers: [HTTPHeader] = []) -> Self {
        .response(HTTPResponse(status: status, headers: headers))
    }
}

/// Records the delays the client would have slept.
final class RecordingSleeper: Sendable {
    private let delays = Mutex<[Double]>([])
    var recorded: [Double] { delays.withLock { $0 } }
    var sleep: @Sendable (Double) -> Void { { [self] seconds in delays.withLock { $0.append(seconds) } } }
}

/// Answers OTP challenges from a list and records what it was asked.
final class StubOTPProvider: OTPProvider {
    var answers: [Result<Secret, RegistryError>]
    var challenges: [OTPChallenge] = []

    init(_ answers: [Result<Secret, RegistryError>]) { self.answers = answers }

    func oneTimePassword(for challenge: OTPChallenge) throws(RegistryError) -> Secret {
        challenges.append(challenge)
        guard !answers.isEmpty else { throw .missingOTP }
        return try answers.removeFirst().get()
    }
}

let testToken = Secret("npm_SessionTokenAAAAAAAAAAAAAAAAAAAAAAAA")

func makeClient(
    _ transport: StubTransport, registry: String = "http://127.0.0.1:4873/sub/",
    credential: RegistryClient.Credential = .bearer(testToken), retry: RetryPolicy = .none,
    sleeper: RecordingSleeper = RecordingSleeper()
) -> RegistryClient {
    RegistryClient(
        transport: transport, registry: registry, credential: credential, userAgent: "tokensh/0.1 test",
        retryPolicy: retry, sleep: sleeper.sleep)
}

extension HTTPRequest {
    var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }
}
