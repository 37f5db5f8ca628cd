import Testing
import TokenShellCore

@testable import TokenShellHTTP

/// The transport's redirect decision, without a network: what the next request of a chain
/// carries, and which redirects are refused before anything is sent.
@Suite struct RedirectDecisionTests {
    static let registry = "http://127.0.0.1:4873/sub/"
    static var origin: URLOrigin {
        get throws { try #require(URLOrigin(registry)) }
    }
    static let password = Array(#"{"name":"alice","password":"hunter2"}"#.utf8)

    static func request(
        _ method: HTTPMethod, body: [UInt8]? = nil, headers: [HTTPHeader] = [], redirects: RedirectPolicy = .follow
    ) -> HTTPRequest {
        HTTPRequest(
            method: method, url: registry + "-/user/org.couchdb.user:alice", headers: headers, body: body,
            redirects: redirects)
    }

    @Test(
        "security 01: a body never follows a redirect to another origin",
        arguments: [301, 302, 307, 308], [HTTPMethod.put, .post]
    )
    func bodyRefusesCrossOrigin(status: Int, method: HTTPMethod) throws {
        let origin = try Self.origin
        let request = Self.request(method, body: Self.password)
        let outcome = Result { () throws(TransportError) in
            try CurlTransport.redirected(
                request, to: "http://127.0.0.1:9999/steal", status: status, origin: origin)
        }
        if status == 301 || status == 302, method == .post {
            // Turned into a GET without the body, as browsers do: nothing of the body goes along.
            let next = try? outcome.get()
            #expect(next?.body == nil && next?.method == .get)
        } else {
            #expect(
                throws: TransportError.crossOriginRedirect(from: "http://127.0.0.1:4873", to: "http://127.0.0.1:9999")
            ) {
                try outcome.get()
            }
        }
    }

    @Test(
        "security 01: a same-origin-only request refuses every redirect elsewhere, 303 included",
        arguments: [301, 302, 303, 307, 308]
    )
    func sameOriginOnly(status: Int) throws {
        let origin = try Self.origin
        let request = Self.request(.get, headers: [HTTPHeader("npm-otp", "123456")], redirects: .sameOrigin)
        #expect(throws: TransportError.crossOriginRedirect(from: "http://127.0.0.1:4873", to: "https://127.0.0.1:443"))
        {
            try CurlTransport.redirected(request, to: "https://127.0.0.1/x", status: status, origin: origin)
        }
    }

    @Test("security 01: the refusal names both origins and never the userinfo or path of the target")
    func refusalRedactsTheTarget() throws {
        let origin = try Self.origin
        let request = Self.request(.put, body: Self.password)
        do {
            _ = try CurlTransport.redirected(
                request, to: "http://mallory:s3cret@127.0.0.2:8080/p?token=abc", status: 307, origin: origin)
            Issue.record("the redirect was followed")
        } catch {
            #expect(error == .crossOriginRedirect(from: "http://127.0.0.1:4873", to: "http://127.0.0.2:8080"))
            #expect(!error.message.contains("s3cret") && !error.message.contains("token=abc"))
            #expect(error.message.contains("http://127.0.0.1:4873") && error.message.contains("http://127.0.0.2:8080"))
        }
    }

    @Test("security 01: within the origin a redirect keeps the body and the credentials")
    func sameOriginKeepsEverything() throws {
        let origin = try Self.origin
        let headers = [HTTPHeader("authorization", "Basic YTpi"), HTTPHeader("npm-otp", "123456")]
        let request = Self.request(.put, body: Self.password, headers: headers, redirects: .sameOrigin)
        let next = try CurlTransport.redirected(
            request, to: "http://127.0.0.1:4873/other", status: 307, origin: origin)
        #expect(next.body == Self.password && next.headers == headers && next.method == .put)
    }

    @Test("security 01: a plain read follows a downgrade to plain http elsewhere without its credentials")
    func downgradeDropsCredentials() throws {
        let https = try #require(URLOrigin("https://registry.example/"))
        let request = HTTPRequest(
            method: .get, url: "https://registry.example/-/whoami",
            headers: [HTTPHeader("Authorization", "Bearer npm_x"), HTTPHeader("npm-otp", "1"), HTTPHeader("a", "b")])
        let next = try CurlTransport.redirected(
            request, to: "http://registry.example/-/whoami", status: 301, origin: https)
        #expect(next.headers == [HTTPHeader("a", "b")])
        let withBody = HTTPRequest(method: .post, url: "https://registry.example/-/npm/v1/tokens", body: Self.password)
        #expect(
            throws: TransportError.crossOriginRedirect(
                from: "https://registry.example:443", to: "http://registry.example:80")
        ) {
            try CurlTransport.redirected(withBody, to: "http://registry.example/x", status: 308, origin: https)
        }
    }
}
