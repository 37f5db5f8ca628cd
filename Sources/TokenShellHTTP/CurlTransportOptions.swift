/// How a `CurlTransport` talks to a registry: timeouts, TLS, limits and cancellation.
///
/// The defaults follow the design's network contract (connect within 10 s, give up on a transfer
/// that receives nothing for 30 s, keep TLS verification on, refuse answers over 8 MiB), so the
/// shell only overrides what npm config or a flag asks for.
public struct CurlTransportOptions: Sendable {
    /// Seconds allowed to open the connection (TCP and TLS).
    public var connectTimeout: Double
    /// A transfer slower than `lowSpeedLimit` bytes per second for this many seconds is abandoned.
    public var lowSpeedTime: Int
    /// Bytes per second under which a transfer counts as stalled (1: "receives nothing").
    public var lowSpeedLimit: Int
    /// Caps the whole request (from `--timeout` or npm's `fetch-timeout`); nil means no cap.
    public var totalTimeout: Double?
    /// A PEM bundle of CA certificates (npm's `cafile`); nil uses the system bundle.
    public var caFile: String?
    /// npm's `strict-ssl`: false turns certificate and host name verification off.
    public var strictSSL: Bool
    /// Answers with a larger body are dropped with `TransportError.responseTooLarge`.
    public var maxResponseBytes: Int
    /// Sent as `User-Agent` unless the request sets its own.
    public var userAgent: String
    /// Redirects followed per request before giving up.
    public var maxRedirects: Int
    /// Polled during a transfer (about once a second when idle); returning true aborts it with
    /// `TransportError.cancelled`. The shell passes its Ctrl-C flag here.
    public var isCancelled: @Sendable () -> Bool

    public init(
        connectTimeout: Double = 10,
        lowSpeedTime: Int = 30,
        lowSpeedLimit: Int = 1,
        totalTimeout: Double? = nil,
        caFile: String? = nil,
        strictSSL: Bool = true,
        maxResponseBytes: Int = 8 * 1024 * 1024,
        userAgent: String = "tokensh",
        maxRedirects: Int = 5,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.connectTimeout = connectTimeout
        self.lowSpeedTime = lowSpeedTime
        self.lowSpeedLimit = lowSpeedLimit
        self.totalTimeout = totalTimeout
        self.caFile = caFile
        self.strictSSL = strictSSL
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
        self.maxRedirects = maxRedirects
        self.isCancelled = isCancelled
    }
}
