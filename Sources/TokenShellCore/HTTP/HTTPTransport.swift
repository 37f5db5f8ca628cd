/// One HTTP exchange with a registry.
///
/// The registry client in this module speaks only through this protocol, so the core stays
/// free of sockets and libcurl; the shell plugs in the libcurl transport, unit tests a stub.
/// `send` is synchronous: the shell does one thing at a time, and a blocking call keeps
/// Ctrl-C handling (the transport polls an interrupt flag) simple.
public protocol HTTPTransport: AnyObject, Sendable {
    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse
}

/// A header as sent or received: names compare case-insensitively.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

public enum HTTPMethod: String, Sendable {
    case get = "GET"
    case put = "PUT"
    case post = "POST"
    case delete = "DELETE"

    /// Safe to retry after a 5xx: npm retries everything but POST; this client retries GET only.
    public var isIdempotentRead: Bool { self == .get }
}

/// What a transport may do when the registry answers a request with a redirect.
///
/// A credential goes only to the origin (scheme, host, port) of the registry it belongs to.
/// Transports drop `authorization` and `npm-otp` whenever a redirect leaves the request's origin
/// and never re-send a body there; `.sameOrigin` goes further for requests whose credential
/// cannot simply be dropped (a password in the body) or whose answer is a credential.
public enum RedirectPolicy: Sendable, Equatable {
    /// Follow any redirect; credentials in headers stay behind once the origin changes.
    case follow
    /// Follow redirects within the request's origin only; any other one fails with
    /// `TransportError.crossOriginRedirect` before anything is sent there.
    case sameOrigin
}

public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// Absolute URL.
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    /// How redirects of this request may be followed.
    public var redirects: RedirectPolicy
    /// A larger answer than this is dropped (`TransportError.responseTooLarge`); `nil` keeps the
    /// transport's own cap. Lets one kind of request (a big token list page) go past the
    /// default cap without raising it for every other answer.
    public var maxResponseBytes: Int?
    /// Caps this request in seconds, below the transport's own cap: `status` asks every registry
    /// at once and one that hangs must cost no more than this.
    public var timeout: Double?

    public init(
        method: HTTPMethod, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil,
        redirects: RedirectPolicy = .follow, maxResponseBytes: Int? = nil, timeout: Double? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.redirects = redirects
        self.maxResponseBytes = maxResponseBytes
        self.timeout = timeout
    }

    public func header(_ name: String) -> String? {
        headers.last { $0.name.lowercased() == name.lowercased() }?.value
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.last { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Why no HTTP response arrived.
public enum TransportError: Error, Sendable, Equatable {
    case connectionRefused(host: String)
    case timedOut(String)
    case cancelled
    case responseTooLarge(limit: Int)
    case tls(String)
    case invalidURL(String)
    /// A request that must stay on its origin was redirected to another one (both given as
    /// `scheme://host:port`, never with userinfo or path); nothing was sent there.
    case crossOriginRedirect(from: String, to: String)
    case other(String)

    public var message: String {
        switch self {
        case .connectionRefused(let host): "could not connect to \(host): connection refused"
        case .timedOut(let what): "the registry did not answer in time (\(what))"
        case .cancelled: "interrupted"
        case .responseTooLarge(let limit): "the registry's answer was larger than \(limit) bytes and was dropped"
        case .tls(let detail): "TLS failed: \(detail)"
        case .invalidURL(let url): "not a valid URL: \(url)"
        case .crossOriginRedirect(let from, let to):
            "\(from) redirected a request that carries or returns a credential to \(to), another origin: "
                + "refused, nothing was sent there"
        case .other(let detail): detail
        }
    }
}
