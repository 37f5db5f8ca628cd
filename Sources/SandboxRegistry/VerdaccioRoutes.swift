import Foundation
import TokenCodecs

/// The `verdaccio` flavour: the login, whoami and token routes answer as Verdaccio 6's do
/// (`packages/api/src/user.ts`, `whoami.ts`, `v1/token.ts`, the `enforceGeneratedTokenMetadata`
/// middleware and the htpasswd plugin), so that tokensh is taught by a registry as it really is:
///
/// - Couch login: a `PUT` that already authenticates as the user (Bearer or Basic) gets 201
///   `{"ok":"you are authenticated as 'NAME'","token":…}`. Without it the PUT is a
///   registration: an existing user gets 409 "username is already registered" (401
///   "unauthorized access" with a wrong password), and npm then takes the `GET ?write=true`
///   (`{"ok":false}` when anonymous) and `PUT …/-rev/undefined` with Basic auth path.
/// - Login tokens are not listed; logout revokes nothing (`{"ok":"Logged out"}`).
/// - The list is one page, `urls.next` an empty string, tokens masked to their first and last
///   five characters, each with a random hex `key` (not the token's sha512).
/// - Create takes `{password, readonly?, cidr_whitelist?}`, ignores granular fields, answers
///   200; a read-only or out-of-range generated token is refused (403 "unauthorized access")
///   for any write request, publish and token routes included.
/// - Basic authentication works wherever a bearer token does; bad credentials leave the
///   request anonymous, and each route answers for an anonymous caller as Verdaccio does.
extension SandboxRoutes {
    /// A request Verdaccio would authenticate: the user, and the generated token it came with.
    struct VerdaccioCaller {
        var name: String
        var token: StoredToken?
        /// The password Basic authentication proved (spares hashing it twice on a login).
        var password: String?
    }

    /// The flavour's own routes; `nil` falls through to the shared ones (packages, ping).
    func verdaccioRoute(_ request: SandboxRequest) async throws -> SandboxResponse? {
        let caller = try await verdaccioCaller(request)
        let method = request.method
        let path = PathMatcher(request.segments)
        let couch = "org.couchdb.user:"
        if method == "GET", path.match("-", "whoami") != nil {
            guard let caller else { throw SandboxError(status: 401, message: "Unauthorized") }
            return VerdaccioReply.json([("username", .string(caller.name))])
        }
        if method == "DELETE", path.match("-", "user", "token", "*") != nil {
            return VerdaccioReply.json([("ok", .string("Logged out"))])
        }
        if let segment = request.segments.dropFirst().first, request.segments.first == "-", segment == "user",
            request.segments.count >= 3, request.segments[2].hasPrefix(couch)
        {
            let name = String(request.segments[2].dropFirst(couch.count))
            if method == "PUT", request.segments.count <= 5 {
                return try await verdaccioLogin(request, name: name, caller: caller)
            }
            if method == "GET", request.segments.count == 3 {
                return verdaccioUserDocument(request, name: name, caller: caller)
            }
        }
        if path.match("-", "v1", "login") != nil || path.match("-", "v1", "login", "*") != nil {
            // Web login is behind Verdaccio's `flags.webLogin`, off by default: npm falls back to couch.
            throw SandboxError.notFound("File not found")
        }
        if path.match("-", "npm", "v1", "tokens") != nil {
            if method == "GET" { return try await verdaccioListTokens(caller) }
            if method == "POST" { return try await verdaccioCreateToken(request, caller: caller) }
        }
        if method == "DELETE", let captured = path.match("-", "npm", "v1", "tokens", "token", "*") {
            guard let caller else { throw SandboxError(status: 401, message: "no credentials provided") }
            if let target = await store.listedTokens(user: caller.name).first(where: {
                Self.verdaccioKey($0) == captured[0]
            }) {
                try await store.revoke(key: target.key, user: caller.name)
            }
            return VerdaccioReply.json([])
        }
        return nil
    }

    /// Who the request authenticates as, or nil (anonymous, also after bad credentials). A
    /// generated token is checked as Verdaccio's middleware does before any route runs.
    func verdaccioCaller(_ request: SandboxRequest) async throws -> VerdaccioCaller? {
        if let (name, password) = request.basicCredentials {
            let valid = await store.verifyPassword(user: name, Secret(password))
            return valid ? VerdaccioCaller(name: name, password: password) : nil
        }
        guard let value = request.bearerToken, let token = await store.token(forKey: TokenKey.key(for: value)) else {
            return nil
        }
        if token.kind != .session {
            let ranges = token.cidr.compactMap { try? IPv4CIDR.parse($0).get() }
            let allowed =
                token.cidr.isEmpty || request.peer.map { peer in ranges.contains { $0.contains(peer) } } == true
            let writes = ["DELETE", "PATCH", "POST", "PUT"].contains(request.method)
            if !allowed || (token.readonly && writes) { throw SandboxError.forbidden("unauthorized access") }
        }
        return VerdaccioCaller(name: token.user, token: token)
    }

    /// `authenticate` for the shared package routes: a caller or 401.
    func verdaccioAuthenticate(_ request: SandboxRequest) async throws -> (StoredToken, String) {
        guard let caller = try await verdaccioCaller(request) else {
            throw SandboxError(status: 401, message: "no credentials provided")
        }
        return (caller.token ?? basicSession(user: caller.name), caller.name)
    }

    private func verdaccioLogin(_ request: SandboxRequest, name: String, caller: VerdaccioCaller?) async throws
        -> SandboxResponse
    {
        let body = request.jsonObject ?? [:]
        let bodyName = body["name"] as? String
        let password = body["password"] as? String
        guard bodyName == nil || bodyName == name else {
            throw SandboxError.badRequest("username does not match logged in user")
        }
        if let caller, caller.name == bodyName {
            var proven = password != nil && password == caller.password
            if !proven, let password { proven = await store.verifyPassword(user: name, Secret(password)) }
            guard proven else {
                throw SandboxError(status: 401, message: "bad username/password, access denied")
            }
            try await requireSecondFactor(request, user: name)
            let token = try await store.mintVerdaccio(readonly: false, cidr: [], user: name, listed: false).value
            return VerdaccioReply.json(
                [("ok", .string("you are authenticated as '\(name)'")), ("token", .string(token))], status: 201)
        }
        // Registration, as the htpasswd plugin's `adduser` and its sanity check answer it.
        guard let password, password.count >= 3 else {
            throw SandboxError.badRequest("The provided password does not pass the validation")
        }
        guard let bodyName, !bodyName.isEmpty else {
            throw SandboxError.badRequest("username and password is required")
        }
        if await store.user(named: name) != nil {
            guard await store.verifyPassword(user: name, Secret(password)) else {
                throw SandboxError(status: 401, message: "unauthorized access")
            }
            throw SandboxError(status: 409, message: "username is already registered")
        }
        guard UserName.isValid(name) else {
            throw SandboxError(status: 409, message: "username should not contain non-uri-safe characters")
        }
        _ = try await store.register(name: name, password: Secret(password), email: "")
        let token = try await store.mintVerdaccio(readonly: false, cidr: [], user: name, listed: false).value
        return VerdaccioReply.json([("ok", .string("user '\(name)' created")), ("token", .string(token))], status: 201)
    }

    private func verdaccioUserDocument(_ request: SandboxRequest, name: String, caller: VerdaccioCaller?)
        -> SandboxResponse
    {
        guard let caller else {
            if request.header("authorization") != nil {
                return VerdaccioReply.error(SandboxError(status: 401, message: "bad username/password, access denied"))
            }
            return VerdaccioReply.json([("ok", .bool(false))])
        }
        return VerdaccioReply.json([
            ("name", .string(name)), ("email", .string("")),
            ("ok", .string("you are authenticated as '\(caller.name)'")),
        ])
    }

    private func verdaccioListTokens(_ caller: VerdaccioCaller?) async throws -> SandboxResponse {
        guard let caller else { throw SandboxError(status: 401, message: "no credentials provided") }
        let tokens = await store.listedTokens(user: caller.name)
        return VerdaccioReply.json([
            ("objects", .objects(tokens.map { Self.verdaccioObject($0, value: nil) })),
            ("urls", .object([("next", .string(""))])),
        ])
    }

    private func verdaccioCreateToken(_ request: SandboxRequest, caller: VerdaccioCaller?) async throws
        -> SandboxResponse
    {
        let body = RegistryJSON.parse(Array(request.body)) ?? .object([])
        // Verdaccio defaults the two classic fields and rejects only a wrong type.
        let readonly: Bool? = Self.present(body["readonly"]).map { $0.boolValue } ?? false
        let cidr: [String]? =
            Self.present(body["cidr_whitelist"]).map { value in
                value.arrayValue.map { $0.map { $0.stringValue ?? "\($0)" } }
            } ?? []
        guard let readonly, let cidr else { throw SandboxError(status: 422, message: "the parameters are not valid") }
        guard let caller, let password = body["password"]?.stringValue,
            await store.verifyPassword(user: caller.name, Secret(password))
        else {
            throw SandboxError(status: 401, message: "bad username/password, access denied")
        }
        try await requireSecondFactor(request, user: caller.name)
        let grantsWrite = configuration.faults.contains { $0.kind == .grantWrite }
        let (value, stored) = try await store.mintVerdaccio(
            readonly: readonly && !grantsWrite, cidr: cidr, user: caller.name, listed: true)
        var response = VerdaccioReply.json(Self.verdaccioObject(stored, value: value))
        response.headers.append(("Cache-Control", "no-cache, no-store"))
        return response
    }

    /// A token as Verdaccio's `normalizeToken` writes it: the stored fields, then
    /// `cidr_whitelist`; a list carries the masked value, a create reply the token itself.
    static func verdaccioObject(_ token: StoredToken, value: String?) -> [(String, VerdaccioReply.Value)] {
        [
            ("user", .string(token.user)), ("token", .string(value ?? token.display)),
            ("key", .string(verdaccioKey(token))), ("cidr", .strings(token.cidr)), ("readonly", .bool(token.readonly)),
            ("created", .string(ISOTimestamp.format(token.created))), ("cidr_whitelist", .strings(token.cidr)),
        ]
    }

    /// The random key Verdaccio lists; seeded tokens without one use the start of their sha512.
    static func verdaccioKey(_ token: StoredToken) -> String { token.listKey ?? String(token.key.prefix(32)) }

    /// A field that is there and not null (lodash `isNil` is false).
    private static func present(_ value: RegistryJSON?) -> RegistryJSON? {
        guard let value, value != .null else { return nil }
        return value
    }
}

extension SandboxStore {
    /// A token in Verdaccio's shape: listed with its own random key when made through the token
    /// API, unlisted (and never expiring, as Verdaccio's legacy tokens) when made by a login.
    func mintVerdaccio(readonly: Bool, cidr: [String], user: String, listed: Bool) throws -> (
        value: String, stored: StoredToken
    ) {
        var grant = TokenRules.classicGrant(readonly: readonly, cidr: cidr)
        if !listed { grant.kind = .session }
        let value = VerdaccioToken.generate()
        var stored = Self.makeToken(grant, user: user, created: clock()).1
        stored.key = TokenKey.key(for: value)
        stored.display = VerdaccioToken.masked(value)
        stored.listKey = listed ? VerdaccioToken.newKey() : nil
        try insert([stored])
        return (value, stored)
    }
}
