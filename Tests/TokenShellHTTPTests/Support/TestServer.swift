import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A small Hummingbird app on 127.0.0.1, port 0, with the routes the transport tests need.
/// `start` returns once the server reports its port; `stop` cancels it.
final class TestServer: Sendable {
    let port: Int
    /// Set when a request reaches `/slow`: the cancellation test aborts from that moment on.
    let slowRequestArrived = Atomic<Bool>(false)
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    var base: String { "http://127.0.0.1:\(port)" }

    static func start() async throws -> TestServer {
        let arrived = SlowFlag()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: makeRouter(arrived: arrived),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: quietLogger()
        )
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw TestServerError.noPort
        }
        let server = TestServer(port: port, task: task)
        arrived.server.withLock { $0 = server }
        return server
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    private static func makeRouter(arrived: SlowFlag) -> Router<BasicRequestContext> {
        let router = Router()
        let echo: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain"
            headers[field("x-seen-custom")] = request.headers[field("x-custom")] ?? "none"
            headers[field("x-seen-content-type")] = request.headers[.contentType] ?? "none"
            headers[field("x-seen-user-agent")] = request.headers[.userAgent] ?? "none"
            let text = "\(request.method.rawValue) \(String(buffer: body))"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/echo", use: echo)
        router.put("/echo", use: echo)
        router.post("/echo", use: echo)
        router.delete("/echo", use: echo)
        router.get("/status/{code}") { _, context in
            let code = context.parameters.get("code", as: Int.self) ?? 500
            var headers = HTTPFields()
            headers[field("X-Reply")] = "yes"
            return Response(
                status: .init(code: code),
                headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: "status \(code)"))
            )
        }
        router.get("/bytes/{count}") { _, context in
            let count = context.parameters.get("count", as: Int.self) ?? 0
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(repeating: 0x61, count: count)))
        }
        router.get("/chunked/{count}") { _, context in
            // No content length: the size cap must trip in the write callback, not up front.
            let count = context.parameters.get("count", as: Int.self) ?? 0
            let chunks = (0..<count).map { _ in ByteBuffer(repeating: 0x62, count: 8192) }
            return Response(status: .ok, body: ResponseBody(contentsOf: chunks))
        }
        router.get("/slow") { _, _ -> Response in
            arrived.server.withLock { $0?.slowRequestArrived.store(true, ordering: .releasing) }
            try await Task.sleep(for: .seconds(60))
            return Response(status: .ok)
        }
        router.get("/redirect") { request, _ in
            let target = request.uri.queryParameters.get("to") ?? "/"
            let code = request.uri.queryParameters.get("code", as: Int.self) ?? 302
            var headers = HTTPFields()
            headers[.location] = target
            return Response(status: .init(code: code), headers: headers)
        }
        router.get("/credentials") { request, _ in
            let auth = request.headers[.authorization] ?? "none"
            let otp = request.headers[field("npm-otp")] ?? "none"
            return "authorization=\(auth) npm-otp=\(otp)"
        }
        return router
    }

    /// Stopping by cancellation logs an error per test; only real failures should show.
    private static func quietLogger() -> Logger {
        var logger = Logger(label: "tokensh-test-server")
        logger.logLevel = .critical
        return logger
    }

    private static func field(_ name: String) -> HTTPField.Name {
        HTTPField.Name(name) ?? .contentType
    }
}

/// Lets the `/slow` route reach the server object created after the router.
private final class SlowFlag: Sendable {
    let server = Mutex<TestServer?>(nil)
}

enum TestServerError: Error {
    case noPort
}
