import Foundation
import TokenCodecs

/// Maps requests to registry behaviour; one extension per area (login, tokens, packages).
struct SandboxRoutes: Sendable {
    let store: SandboxStore
    let configuration: SandboxConfiguration
    /// The first account: who `--auto-approve` approves web logins as.
    let defaultUser: String

    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        do {
            return try await route(request)
        } catch let error as SandboxError {
            return configuration.flavor == .verdaccio ? VerdaccioReply.error(error) : .error(error)
        } catch {
            return .error(SandboxError(status: 500, message: "internal error: \(error)"))
        }
    }

    private func route(_ request: SandboxRequest) async throws -> SandboxResponse {
        let method = request.method
        let path = PathMatcher(request.segments)
        let couch = "org.couchdb.user:"
        if configuration.flavor == .verdaccio, let response = try await verdaccioRoute(request) { return response }
        if method == "GET", path.match("-", "ping") != nil { return .json([String: Any]()) }
        if method == "GET", path.match("-", "whoami") != nil {
            let (_, user) = try await authenticate(request)
            return .json(["username": user])
        }
        if let captured = path.match("-", "user", "*"), captured[0].hasPrefix(couch) {
            let name = String(captured[0].dropFirst(couch.count))
            if method == "PUT" { return try await couchLogin(request, name: name, revision: nil) }
            if method == "GET" { return try await userDocument(name: name) }
        }
        if method == "PUT", let captured = path.match("-", "user", "*", "-rev", "*"), captured[0].hasPrefix(couch) {
            return try await couchLogin(
                request, name: String(captured[0].dropFirst(couch.count)), revision: captured[1])
        }
        if method == "DELETE", let captured = path.match("-", "user", "token", "*") {
            return try await endToken(request, keyOrToken: captured[0])
        }
        if method == "POST", path.match("-", "v1", "login") != nil { return await startWebLogin(request) }
        if let captured = path.match("-", "v1", "login", "*") {
            return try await webLoginPage(request, id: captured[0])
        }
        if method == "GET", let captured = path.match("-", "v1", "login", "*", "done") {
            return await pollWebFlow(login: true, id: captured[0])
        }
        if let captured = path.match("-", "v1", "otp", "*") { return try await webOTPPage(request, id: captured[0]) }
        if method == "GET", let captured = path.match("-", "v1", "otp", "*", "done") {
            return await pollWebFlow(login: false, id: captured[0])
        }
        if path.match("-", "npm", "v1", "tokens") != nil {
            if method == "GET" { return try await listTokens(request) }
            if method == "POST" { return try await createToken(request) }
        }
        if method == "DELETE", let captured = path.match("-", "npm", "v1", "tokens", "token", "*") {
            return try await revokeToken(request, keyOrToken: captured[0])
        }
        if method == "GET", path.match("npm") != nil { return .error(.notFound()) }
        if let response = try await packageRoute(request) { return response }
        return .error(.notFound())
    }

    /// The token's record and user for a request that must be authenticated.
    func authenticate(_ request: SandboxRequest) async throws -> (StoredToken, String) {
        if configuration.flavor == .verdaccio { return try await verdaccioAuthenticate(request) }
        // Private registries of this kind (and Nexus, Artifactory) take the account's own
        // user:password as Basic authentication wherever a token works: npm sends it from
        // `_auth`, or `username` with `_password`.
        if configuration.flavor == .classic, let (name, password) = request.basicCredentials {
            guard await store.verifyPassword(user: name, Secret(password)) else { throw SandboxError.wrongPassword }
            return (basicSession(user: name), name)
        }
        guard let token = request.bearerToken else { throw SandboxError.authenticationRequired }
        // Always the hash of what was sent: a token's key (shown in lists) is no credential.
        guard let stored = await store.token(forKey: TokenKey.key(for: token)) else { throw SandboxError.badToken() }
        if let refusal = TokenRules.usability(
            of: stored, now: configuration.clock(), peer: request.peer, sessionTTL: configuration.sessionTTL)
        {
            throw refusal
        }
        return (stored, stored.user)
    }

    /// What a request authenticated by Basic stands for: a session of the account that is not
    /// stored and not listed, with the account's full rights.
    func basicSession(user: String) -> StoredToken {
        var session = SandboxStore.makeToken(
            TokenRules.classicGrant(readonly: false, cidr: []), user: user, created: configuration.clock()
        ).1
        session.kind = .session
        return session
    }

    /// The second-factor check for login, token create and revoke.
    func requireSecondFactor(_ request: SandboxRequest, user: String) async throws {
        if let challenge = try await store.checkSecondFactor(
            user: user, otp: request.header("npm-otp"), baseURL: request.baseURL, autoApprove: configuration.autoApprove
        ) {
            throw challenge
        }
    }
}
