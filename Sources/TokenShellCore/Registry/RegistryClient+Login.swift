#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension RegistryClient {
    // MARK: - Web login

    /// `POST -/v1/login` with `{}`; `.unsupported` tells the caller to fall back to legacy login.
    ///
    /// Login requests carry no existing token: a stale or expired session token must not make a
    /// fresh login fail.
    public func startWebLogin() throws(RegistryError) -> WebLoginStart {
        let response = try exchange(.post, url("-/v1/login"), command: "login", body: .object([]), auth: .none)
        if Self.meansWebLoginUnsupported(response.status) { return .unsupported }
        guard (200..<300).contains(response.status) else {
            throw RegistryError.from(response, method: .post, displayURL: url("-/v1/login"))
        }
        let json = RegistryJSON.parse(response.body)
        guard let loginURL = json?["loginUrl"]?.stringValue, let doneURL = json?["doneUrl"]?.stringValue,
            RegistryPath.isAbsoluteHTTP(loginURL), RegistryPath.isAbsoluteHTTP(doneURL)
        else {
            throw .invalidResponse("the web login endpoint did not send absolute loginUrl and doneUrl")
        }
        // Refused before it is printed or offered to a browser; the URL itself is not repeated.
        if let problem = BrowserURL.problem(loginURL) {
            throw .invalidResponse("the web login URL the registry sent cannot be opened safely: \(problem)")
        }
        return .started(loginURL: loginURL, doneURL: doneURL)
    }

    /// One `GET doneURL`: pending (202), done (200 with a token), or unsupported (4xx, 500).
    ///
    /// Also polls a web OTP `doneUrl`; the token it returns is then the one-time password.
    public func pollWebLogin(doneURL: String) throws(RegistryError) -> WebLoginPoll {
        guard RegistryPath.isAbsoluteHTTP(doneURL) else {
            throw .invalidResponse("the web login doneUrl is not an absolute URL")
        }
        // The token polled here becomes the login (or the OTP) for this registry: it is taken
        // only from the registry's own origin, never from wherever its doneUrl or a redirect points.
        guard RegistryPath.sharesOrigin(doneURL, with: registry) else {
            let theirs = RegistryPath.origin(of: doneURL) ?? "another origin"
            let ours = RegistryPath.origin(of: registry) ?? registry
            throw .invalidResponse(
                "the registry \(ours) sent a web login doneUrl on \(theirs), another origin: refused, "
                    + "a login token is taken only from the registry itself")
        }
        let response = try exchange(.get, doneURL, command: "login", auth: .none, returnsCredential: true)
        switch response.status {
        case 202:
            return .pending(retryAfter: RetryPolicy.retryAfterSeconds(response.header("retry-after")))
        case 200:
            guard let token = RegistryJSON.parse(response.body)?["token"]?.stringValue, !token.isEmpty else {
                throw .invalidResponse("the web login endpoint approved the login but sent no token")
            }
            return .done(Secret(token))
        case let status where Self.meansWebLoginUnsupported(status):
            return .unsupported
        default:
            throw .invalidResponse("the web login endpoint answered \(response.status) to a poll")
        }
    }

    static func meansWebLoginUnsupported(_ status: Int) -> Bool { (400..<500).contains(status) || status == 500 }

    // MARK: - Couch (legacy) login

    /// Legacy login: `PUT -/user/org.couchdb.user:NAME` with npm's document, including the 409
    /// path (`GET ?write=true`, merge, `PUT …/-rev/REV` with Basic auth). Returns the new token.
    ///
    /// Wrap it in `withOTP`: on an OTP challenge npm re-runs the whole sequence with `npm-otp`.
    /// - Parameter now: the moment of login, written as the document's `date`.
    public func couchLogin(username: String, password: Secret, otp: Secret? = nil, now: Date) throws(RegistryError)
        -> Secret
    {
        guard !username.isEmpty else { throw .usage("a username is needed to log in", hint: nil) }
        let userPath = url("-/user/org.couchdb.user:" + RegistryPath.encodeComponent(username))
        let document = Self.couchDocument(username: username, password: password, now: now)
        let first = try exchange(.put, userPath, command: "login", body: document, auth: .none, otp: otp)
        let reply: HTTPResponse
        switch first.status {
        case 200..<300: reply = first
        case 400: throw .noSuchUser(username)
        case 409:
            let current = try send(.get, userPath + "?write=true", command: "login", auth: .none, otp: otp)
            let merged = Self.mergeCouch(document, with: RegistryJSON.parse(current.body))
            let rev = merged["_rev"]?.stringValue ?? "undefined"
            reply = try send(
                .put, userPath + "/-rev/" + RegistryPath.encodeComponent(rev), command: "login", body: merged,
                auth: .basic(username: username, password: password), otp: otp)
        default:
            throw RegistryError.from(first, method: .put, displayURL: userPath)
        }
        guard let token = RegistryJSON.parse(reply.body)?["token"]?.stringValue, !token.isEmpty else {
            throw .invalidResponse("the registry accepted the login but sent no token")
        }
        return Secret(token)
    }

    /// npm's login document, keys in npm's order.
    static func couchDocument(username: String, password: Secret, now: Date) -> RegistryJSON {
        .object([
            ("_id", .string("org.couchdb.user:" + username)),
            ("name", .string(username)),
            ("password", .string(password.reveal())),
            ("type", .string("user")),
            ("roles", .array([])),
            ("date", .string(ISOTimestamp.format(now))),
        ])
    }

    /// npm's merge: a server key replaces the client's value when that is falsy, or is `roles`.
    static func mergeCouch(_ document: RegistryJSON, with server: RegistryJSON?) -> RegistryJSON {
        var merged = document
        for (key, value) in server?.objectMembers ?? [] where key == "roles" || !(merged[key]?.isTruthy ?? false) {
            merged = merged.setting(key, to: value)
        }
        return merged
    }
}
