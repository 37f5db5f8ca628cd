import CCurl
import Synchronization
import TokenShellCore

/// The shell's `HTTPTransport`: libcurl with one reused easy handle, so consecutive registry
/// calls share a kept-alive connection (and TLS session) instead of reconnecting each time.
///
/// Keep one transport per registry host. Redirects are followed here, not by libcurl, so that
/// `authorization` and `npm-otp` are dropped when a redirect leaves the original scheme, host
/// or port. Proxies come from the environment (`https_proxy`, `no_proxy`, ...) as with curl.
///
/// Sendable without `@unchecked`: the only mutable state, the easy handle, lives inside a
/// `Mutex`, so calls from several threads are serialised and never share the handle.
public final class CurlTransport: HTTPTransport {
    private let easy: Mutex<CurlEasy>
    private let options: CurlTransportOptions

    public init(options: CurlTransportOptions = CurlTransportOptions()) {
        CurlGlobal.initialiseOnce()
        self.options = options
        self.easy = Mutex(CurlEasy())
    }

    /// Connections libcurl opened so far (CURLINFO_NUM_CONNECTS summed): 1 after any number of
    /// requests to one host means keep-alive worked. For benchmarks and tests.
    public var connectionsOpened: Int {
        easy.withLock { $0.connectionsOpened }
    }

    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        try easy.withLock { (easy: inout CurlEasy) throws(TransportError) -> HTTPResponse in
            try follow(request, with: easy)
        }
    }

    private func follow(_ original: HTTPRequest, with easy: CurlEasy) throws(TransportError) -> HTTPResponse {
        var request = original
        guard let origin = URLOrigin(request.url) else { throw .invalidURL(request.url) }
        var redirects = 0
        // A request's own cap covers the whole chain, not each hop.
        let deadline = original.timeout.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        while true {
            if let deadline {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { throw .timedOut("no answer from \(origin.display) in time") }
                let parts = left.components
                request.timeout = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
            }
            let result = try easy.perform(request, options: options)
            guard let location = result.redirectURL, Self.isRedirect(result.response.status) else {
                return result.response
            }
            guard redirects < options.maxRedirects else {
                throw .other("too many redirects (more than \(options.maxRedirects)) from \(origin.display)")
            }
            redirects += 1
            request = try Self.redirected(request, to: location, status: result.response.status, origin: origin)
        }
    }

    static func isRedirect(_ status: Int) -> Bool {
        [301, 302, 303, 307, 308].contains(status)
    }

    /// The next request of a redirect chain: 303 (and 301/302 after a POST) become a GET without
    /// a body, as browsers and curl do; credentials stay only while the origin is unchanged.
    ///
    /// Leaving the original origin is refused outright (`crossOriginRedirect`) when the request
    /// asks for `.sameOrigin` or would still carry a body: a body may hold a password, and
    /// unlike a header it cannot be told apart from harmless content. An https or loopback
    /// registry that points to plain http elsewhere is a change of origin too, so nothing
    /// sensitive walks around the plain-http guard that way.
    static func redirected(
        _ request: HTTPRequest,
        to location: String,
        status: Int,
        origin: URLOrigin
    ) throws(TransportError) -> HTTPRequest {
        var next = request
        next.url = location
        if status == 303 || ((status == 301 || status == 302) && request.method == .post) {
            next.method = .get
            next.body = nil
            next.headers.removeAll { ["content-type", "content-length"].contains($0.name.lowercased()) }
        }
        let target = URLOrigin(location)
        if target != origin {
            if request.redirects == .sameOrigin || !(next.body ?? []).isEmpty {
                throw .crossOriginRedirect(from: origin.display, to: target?.display ?? "an unreadable URL")
            }
            next.headers.removeAll { ["authorization", "npm-otp"].contains($0.name.lowercased()) }
        }
        return next
    }
}

extension CurlTransportOptions {
    /// `tokensh/VERSION libcurl/X.Y.Z`: names the client for registry operators, as npm's
    /// `npm/VERSION node/VERSION` does.
    public static func userAgent(version: String) -> String {
        guard let info = curl_version_info(CURLVERSION_FIRST), let libcurl = info.pointee.version else {
            return "tokensh/\(version)"
        }
        return "tokensh/\(version) libcurl/\(String(cString: libcurl))"
    }
}

/// `curl_global_init` must run once per process, before any handle exists.
enum CurlGlobal {
    private static let initialised: Void = {
        _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    static func initialiseOnce() {
        _ = initialised
    }
}
