import Dispatch
import Synchronization
import Testing
import TokenShellCore
import TokenShellHTTP

@Suite("CurlTransport against a loopback server", .serialized)
struct CurlTransportTests {
    private func withServer(_ body: (TestServer) async throws -> Void) async throws {
        let server = try await TestServer.start()
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func send(
        _ transport: CurlTransport,
        _ request: HTTPRequest
    ) async -> Result<HTTPResponse, TransportError> {
        await offPool { () throws(TransportError) -> HTTPResponse in try transport.send(request) }
    }

    @Test("methods and bodies round-trip", arguments: [HTTPMethod.get, .put, .post, .delete])
    func methodsAndBodies(method: HTTPMethod) async throws {
        try await withServer { server in
            let transport = CurlTransport()
            let body: [UInt8]? = method == .get ? nil : Array("{\"name\":\"ci ✓\"}".utf8)
            let request = HTTPRequest(
                method: method,
                url: server.base + "/echo",
                headers: [HTTPHeader("Content-Type", "application/json")],
                body: body
            )
            let response = try await send(transport, request).get()
            #expect(response.status == 200)
            let expectedBody = body.map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(response.bodyText == "\(method.rawValue) \(expectedBody)")
        }
    }

    @Test("request headers arrive; curl adds no form content type of its own")
    func requestHeaders() async throws {
        try await withServer { server in
            let transport = CurlTransport(options: CurlTransportOptions(userAgent: "tokensh/9.9 test"))
            let withHeader = HTTPRequest(
                method: .post,
                url: server.base + "/echo",
                headers: [HTTPHeader("X-Custom", "hello world")],
                body: Array("x".utf8)
            )
            let response = try await send(transport, withHeader).get()
            #expect(response.header("x-seen-custom") == "hello world")
            #expect(response.header("x-seen-user-agent") == "tokensh/9.9 test")
            #expect(response.header("x-seen-content-type") == "none")
        }
    }

    @Test("status and response headers decode", arguments: [201, 404, 500])
    func statusAndHeaders(code: Int) async throws {
        try await withServer { server in
            let transport = CurlTransport()
            let response = try await send(transport, HTTPRequest(method: .get, url: server.base + "/status/\(code)"))
                .get()
            #expect(response.status == code)
            #expect(response.header("x-reply") == "yes")
            #expect(response.header("X-REPLY") == "yes")
            #expect(response.bodyText == "status \(code)")
        }
    }

    @Test("twenty requests share one kept-alive connection")
    func connectionReuse() async throws {
        try await withServer { server in
            let transport = CurlTransport()
            for index in 0..<20 {
                let method: HTTPMethod = index.isMultiple(of: 2) ? .get : .put
                let request = HTTPRequest(
                    method: method,
                    url: server.base + "/echo",
                    body: method == .put ? Array("n\(index)".utf8) : nil
                )
                let response = try await send(transport, request).get()
                #expect(response.status == 200)
            }
            #expect(transport.connectionsOpened == 1)
        }
    }

    @Test("an answer over the size cap throws responseTooLarge", arguments: ["/bytes/65536", "/chunked/8"])
    func sizeCap(path: String) async throws {
        try await withServer { server in
            let transport = CurlTransport(options: CurlTransportOptions(maxResponseBytes: 16384))
            let result = await send(transport, HTTPRequest(method: .get, url: server.base + path))
            #expect(throws: TransportError.responseTooLarge(limit: 16384)) { try result.get() }
            let small = try await send(transport, HTTPRequest(method: .get, url: server.base + "/bytes/16384")).get()
            #expect(small.body.count == 16384)
        }
    }

    @Test("a closed port gives connectionRefused quickly")
    func connectionRefused() async throws {
        let port = try #require(LoopbackSocket.closedPort())
        let transport = CurlTransport()
        let clock = ContinuousClock()
        let start = clock.now
        let result = await send(transport, HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)/"))
        #expect(throws: TransportError.connectionRefused(host: "127.0.0.1:\(port)")) { try result.get() }
        #expect(clock.now - start < .seconds(3))
    }

    @Test("the isCancelled closure aborts a slow response")
    func cancellation() async throws {
        try await withServer { server in
            let options = CurlTransportOptions(isCancelled: { server.slowRequestArrived.load(ordering: .acquiring) })
            let transport = CurlTransport(options: options)
            let clock = ContinuousClock()
            let start = clock.now
            let result = await send(transport, HTTPRequest(method: .get, url: server.base + "/slow"))
            #expect(throws: TransportError.cancelled) { try result.get() }
            let arrived = server.slowRequestArrived.load(ordering: .acquiring)
            #expect(arrived)
            #expect(clock.now - start < .seconds(10))
        }
    }

    @Test("a server that never answers trips the low-speed timeout")
    func lowSpeedTimeout() async throws {
        let (fd, port) = try #require(LoopbackSocket.listen())
        defer { _ = closeDescriptor(fd) }
        let transport = CurlTransport(options: CurlTransportOptions(lowSpeedTime: 1))
        let clock = ContinuousClock()
        let start = clock.now
        let result = await send(transport, HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)/"))
        guard case .failure(.timedOut) = result else {
            Issue.record("expected timedOut, got \(result)")
            return
        }
        #expect(clock.now - start < .seconds(8))
    }

    @Test("a redirect to another host drops authorization and npm-otp")
    func crossHostRedirectDropsCredentials() async throws {
        try await withServer { server in
            let transport = CurlTransport()
            let credentials = [HTTPHeader("Authorization", "Bearer abc"), HTTPHeader("npm-otp", "123456")]
            let elsewhere = "http://localhost:\(server.port)/credentials"
            let crossHost = HTTPRequest(
                method: .get,
                url: server.base + "/redirect?to=" + elsewhere,
                headers: credentials
            )
            let response = try await send(transport, crossHost).get()
            #expect(response.status == 200)
            #expect(response.bodyText == "authorization=none npm-otp=none")

            let sameHost = HTTPRequest(
                method: .get,
                url: server.base + "/redirect?code=307&to=/credentials",
                headers: credentials
            )
            let kept = try await send(transport, sameHost).get()
            #expect(kept.bodyText == "authorization=Bearer abc npm-otp=123456")
        }
    }

    @Test("a redirect loop stops after the limit")
    func redirectLimit() async throws {
        try await withServer { server in
            let transport = CurlTransport(options: CurlTransportOptions(maxRedirects: 2))
            let loop = server.base + "/redirect?to=/redirect%3Fto%3D/redirect"
            let result = await send(transport, HTTPRequest(method: .get, url: loop))
            guard case .failure(.other(let message)) = result else {
                Issue.record("expected a redirect error, got \(result)")
                return
            }
            #expect(message.contains("too many redirects"))
        }
    }

    @Test("TLS failures map to .tls: a plain-text server, and a missing CA file")
    func tlsFailures() async throws {
        let responder = try #require(PlainTextResponder())
        defer { responder.stop() }
        let https = "https://127.0.0.1:\(responder.port)/"
        let plain = await send(CurlTransport(), HTTPRequest(method: .get, url: https))
        guard case .failure(.tls) = plain else {
            Issue.record("expected a TLS error, got \(plain)")
            return
        }
        let badCA = CurlTransport(options: CurlTransportOptions(caFile: "/nonexistent/ca.pem"))
        let missing = await send(badCA, HTTPRequest(method: .get, url: https))
        guard case .failure(.tls) = missing else {
            Issue.record("expected a TLS error, got \(missing)")
            return
        }
    }

    @Test("the default user agent names tokensh and libcurl")
    func userAgent() async throws {
        try await withServer { server in
            let agent = CurlTransportOptions.userAgent(version: "1.2.3")
            #expect(agent.hasPrefix("tokensh/1.2.3 libcurl/"))
            let transport = CurlTransport(options: CurlTransportOptions(userAgent: agent))
            let response = try await send(transport, HTTPRequest(method: .get, url: server.base + "/echo")).get()
            #expect(response.header("x-seen-user-agent") == agent)
        }
    }

    @Test("an invalid URL is reported as such")
    func invalidURL() async {
        let transport = CurlTransport()
        let result = await send(transport, HTTPRequest(method: .get, url: "not a url"))
        #expect(throws: TransportError.invalidURL("not a url")) { try result.get() }
    }
}
