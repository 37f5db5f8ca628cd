/// The npm registry API as npm 10/11 speak it, over any `HTTPTransport`.
///
/// Every request carries npm's headers (`user-agent`, `npm-command`, `npm-auth-type`,
/// `npm-scope`, `authorization`, `npm-otp`, `content-type`), so the registry cannot tell it
/// from npm. Operations return values for expected outcomes and throw `RegistryError` for the
/// rest. GETs are repeated per `retryPolicy`, waiting through the injected `sleep`.
public struct RegistryClient: Sendable {
    /// How the client authenticates to the registry.
    public enum Credential: Sendable, Equatable {
        case none
        case bearer(Secret)
        /// base64 of `user:password`, sent as `Basic` (npm's `_auth`, or `username` with
        /// `_password`, as private registries such as Nexus and Artifactory use).
        case basic(Secret)
    }

    /// npm's `auth-type`: sent on every request as `npm-auth-type`.
    public enum AuthType: String, Sendable {
        case web
        case legacy
    }

    /// The registry base URL, normalised to end in `/` (a path prefix is kept).
    public let registry: String
    public var credential: Credential
    public var userAgent: String
    public var authType: AuthType
    /// `npm-scope`, sent only when set (npm sends it with `--scope`).
    public var scope: String?
    public var retryPolicy: RetryPolicy
    /// Caps each request in seconds (on top of the transport's own cap); nil for none.
    public var requestTimeout: Double?
    let transport: any HTTPTransport
    let sleep: @Sendable (Double) -> Void

    /// - Parameter sleep: waits the given seconds between retries; the shell makes it
    ///   interruptible, tests record the delays instead of waiting.
    public init(
        transport: any HTTPTransport,
        registry: String,
        credential: Credential = .none,
        userAgent: String,
        authType: AuthType = .web,
        scope: String? = nil,
        retryPolicy: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (Double) -> Void
    ) {
        self.transport = transport
        self.registry = RegistryPath.normalized(registry)
        self.credential = credential
        self.userAgent = userAgent
        self.authType = authType
        self.scope = scope
        self.retryPolicy = retryPolicy
        self.sleep = sleep
    }

    /// `path` resolved against the registry as npm does (prefix kept, absolute URLs as given).
    public func url(_ path: String) -> String { RegistryPath.resolve(path, against: registry) }

    // MARK: - Simple calls

    /// `GET -/ping?write=true`; any 2xx is a pong. Returns the body (an empty object when not JSON).
    public func ping() throws(RegistryError) -> RegistryJSON {
        let response = try send(.get, url("-/ping?write=true"), command: "ping")
        return RegistryJSON.parse(response.body) ?? .object([])
    }

    /// `GET -/whoami`: the username the current credentials belong to.
    public func whoami() throws(RegistryError) -> String {
        try requireCredential()
        // Who the credential belongs to: only the registry it was sent to can say. Another
        // origin never saw it (the transport drops it there), so its answer means nothing.
        let response = try send(.get, url("-/whoami"), command: "whoami", answerIsAboutTheCredential: true)
        guard let name = RegistryJSON.parse(response.body)?["username"]?.stringValue, !name.isEmpty else {
            throw .invalidResponse("the whoami reply has no username")
        }
        return name
    }

    /// `DELETE -/user/token/<token>` with that token as bearer: ends a login session.
    ///
    /// A non-2xx is an error, and then npm keeps the credentials; the shell should do the same.
    public func logout(token: Secret) throws(RegistryError) {
        let path = "-/user/token/" + RegistryPath.encodeComponent(token.reveal())
        _ = try send(
            .delete, url(path), command: "logout", auth: .bearer(token),
            displayURL: url("-/user/token/<redacted>"))
    }

    // MARK: - Plumbing

    /// Which `authorization` header a request carries.
    enum Authorization {
        /// The client's credential, but only to the registry's own origin.
        case configured
        case none
        case bearer(Secret)
        case basic(username: String, password: Secret)
    }

    func requireCredential() throws(RegistryError) {
        if case .none = credential { throw .notLoggedIn(registry: registry) }
    }

    func headers(command: String, auth: Authorization, otp: Secret?, url: String, hasBody: Bool) -> [HTTPHeader] {
        var headers = [
            HTTPHeader("user-agent", userAgent),
            HTTPHeader("npm-command", command),
            HTTPHeader("npm-auth-type", authType.rawValue),
        ]
        if let scope, !scope.isEmpty { headers.append(HTTPHeader("npm-scope", scope)) }
        switch auth {
        case .configured:
            guard RegistryPath.sharesOrigin(url, with: registry) else { break }
            switch credential {
            case .none: break
            case .bearer(let token): headers.append(HTTPHeader("authorization", "Bearer " + token.reveal()))
            case .basic(let pair): headers.append(HTTPHeader("authorization", "Basic " + pair.reveal()))
            }
        case .none: break
        case .bearer(let token): headers.append(HTTPHeader("authorization", "Bearer " + token.reveal()))
        case .basic(let username, let password):
            let pair = Array((username + ":" + password.reveal()).utf8)
            headers.append(HTTPHeader("authorization", "Basic " + RegistryBase64.encode(pair)))
        }
        if let otp { headers.append(HTTPHeader("npm-otp", otp.reveal())) }
        if hasBody { headers.append(HTTPHeader("content-type", "application/json")) }
        return headers
    }

    /// One exchange, repeated per the retry policy; a non-2xx reply is returned, not thrown.
    ///
    /// - Parameters:
    ///   - returnsCredential: the answer is a credential (a polled web login token); like a
    ///     request that carries one, it may then not be redirected to another origin.
    ///   - maxResponseBytes: a size cap for this answer other than the transport's default.
    func exchange(
        _ method: HTTPMethod, _ url: String, command: String, body: RegistryJSON? = nil,
        auth: Authorization = .configured, otp: Secret? = nil, returnsCredential: Bool = false,
        maxResponseBytes: Int? = nil
    ) throws(RegistryError) -> HTTPResponse {
        let request = HTTPRequest(
            method: method, url: url,
            headers: headers(command: command, auth: auth, otp: otp, url: url, hasBody: body != nil),
            body: body?.bytes,
            redirects: Self.redirectPolicy(
                hasBody: body != nil, auth: auth, otp: otp, returnsCredential: returnsCredential),
            maxResponseBytes: maxResponseBytes, timeout: requestTimeout)
        var attempt = 0
        while true {
            let outcome: RetryPolicy.Outcome
            do {
                let response = try transport.send(request)
                outcome = .response(status: response.status, retryAfter: response.header("retry-after"))
                guard let delay = retryPolicy.delay(method: method, outcome: outcome, attempt: attempt) else {
                    return response
                }
                sleep(delay)
            } catch {
                outcome = .transport(error)
                guard let delay = retryPolicy.delay(method: method, outcome: outcome, attempt: attempt) else {
                    throw .transport(error)
                }
                sleep(delay)
            }
            attempt += 1
        }
    }

    /// `.sameOrigin` for a request that carries a credential the transport cannot just drop on
    /// a redirect (a body such as a login document or a token request with the password, an OTP,
    /// a bearer or Basic pair handed to this request) or whose answer is a credential; the
    /// client's own configured bearer may be dropped instead, so those reads follow redirects
    /// as npm's do.
    static func redirectPolicy(hasBody: Bool, auth: Authorization, otp: Secret?, returnsCredential: Bool)
        -> RedirectPolicy
    {
        if hasBody || otp != nil || returnsCredential { return .sameOrigin }
        switch auth {
        case .configured, .none: return .follow
        case .bearer, .basic: return .sameOrigin
        }
    }

    /// `exchange`, with any non-2xx turned into its `RegistryError`.
    func send(
        _ method: HTTPMethod, _ url: String, command: String, body: RegistryJSON? = nil,
        auth: Authorization = .configured, otp: Secret? = nil, displayURL: String? = nil,
        answerIsAboutTheCredential: Bool = false
    ) throws(RegistryError) -> HTTPResponse {
        let response = try exchange(
            method, url, command: command, body: body, auth: auth, otp: otp,
            returnsCredential: answerIsAboutTheCredential)
        guard (200..<300).contains(response.status) else {
            throw RegistryError.from(response, method: method, displayURL: displayURL ?? url)
        }
        return response
    }
}
