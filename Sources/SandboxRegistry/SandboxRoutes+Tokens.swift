import Foundation
import TokenCodecs

/// `/-/npm/v1/tokens`: list with pagination, create (classic and granular bodies), revoke.
extension SandboxRoutes {
    static let defaultPageSize = 25

    func listTokens(_ request: SandboxRequest) async throws -> SandboxResponse {
        let (_, user) = try await authenticate(request)
        let page = try Self.integer(request.query["page"], name: "page", default: 0, range: 0...Int(Int32.max))
        let perPage = try Self.integer(
            request.query["perPage"], name: "perPage", default: Self.defaultPageSize, range: 1...9999)
        let tokens = await store.listedTokens(user: user)
        let slice = TokenRules.page(tokens, page: page, perPage: perPage)
        var urls: [String] = []
        if slice.hasNext {
            urls.append(
                "\"next\":" + JSONText.quote(request.baseURL + "-/npm/v1/tokens?page=\(page + 1)&perPage=\(perPage)"))
        }
        if page > 0 {
            urls.append(
                "\"prev\":" + JSONText.quote(request.baseURL + "-/npm/v1/tokens?page=\(page - 1)&perPage=\(perPage)"))
        }
        var body = Array("{\"objects\":[".utf8)
        body.reserveCapacity(slice.items.count * 640 + 256)
        for (index, token) in slice.items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            TokenView.write(token, value: nil, flavor: configuration.flavor, into: &body)
        }
        body += Array(("],\"total\":\(tokens.count),\"urls\":{" + urls.joined(separator: ",") + "}}").utf8)
        return SandboxResponse(status: 200, body: Data(body))
    }

    func createToken(_ request: SandboxRequest) async throws -> SandboxResponse {
        let (_, user) = try await authenticate(request)
        guard let body = request.jsonObject else { throw SandboxError.badRequest("the body must be a JSON object") }
        guard let password = body["password"] as? String, await store.verifyPassword(user: user, Secret(password))
        else {
            throw SandboxError.wrongPassword
        }
        let existing = await store.listedTokens(user: user).count
        var grant = try TokenRules.grant(
            for: body, flavor: configuration.flavor, existingTokens: existing, now: configuration.clock()
        ).get()
        if configuration.faults.contains(where: { $0.kind == .grantWrite }) {
            grant.access = "read-write"
            grant.readonly = false
        }
        try await requireSecondFactor(request, user: user)
        let value = try await store.mint(grant, user: user)
        guard let stored = await store.token(forKey: TokenKey.key(for: value)) else {
            throw SandboxError(status: 500, message: "the new token was not stored")
        }
        return .rawJSON(TokenView.json(stored, value: value, flavor: configuration.flavor))
    }

    func revokeToken(_ request: SandboxRequest, keyOrToken: String) async throws -> SandboxResponse {
        let (_, user) = try await authenticate(request)
        let key = TokenKeyOrValue.key(keyOrToken)
        guard let target = await store.token(forKey: key), target.user == user else {
            throw SandboxError.notFound("no token with that key or value")
        }
        try await requireSecondFactor(request, user: user)
        try await store.revoke(key: key, user: user)
        return SandboxResponse(status: 204, contentType: "")
    }

    /// `DELETE -/user/token/KEY`, what `npm logout` sends: the token in the path with itself as
    /// bearer and no OTP (npm does not retry logout with one). A token may always end itself, even
    /// an expired login session; ending any other token takes its owner's usable bearer and the
    /// same second factor as `DELETE -/npm/v1/tokens/token/KEY`, as on npmjs. No bearer: 401.
    func endToken(_ request: SandboxRequest, keyOrToken: String) async throws -> SandboxResponse {
        guard let bearer = request.bearerToken else { throw SandboxError.authenticationRequired }
        let key = TokenKeyOrValue.key(keyOrToken)
        if TokenKey.key(for: bearer) == key {
            guard try await store.revoke(key: key, user: nil) else { throw SandboxError.badToken() }
            return .json(["ok": true])
        }
        _ = try await revokeToken(request, keyOrToken: keyOrToken)
        return .json(["ok": true])
    }

    private static func integer(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws
        -> Int
    {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw SandboxError.badRequest("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }
}
