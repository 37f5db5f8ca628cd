extension RegistryClient {
    /// The largest page the registry documents (`perPage`, 1–9999, default 10). npm sends no
    /// query and walks `urls.next`, 100 round trips for 1,000 tokens; one request does here.
    static let tokenPageSize = 9999

    /// The size cap of one token list page, instead of the transport's 8 MiB for any answer.
    ///
    /// A registry that pages sends at most 9999 tokens (about 6 MB) per page, but one that
    /// ignores `perPage` (Verdaccio-like) sends the whole list in one answer, and 8 MiB cut that
    /// off at about 15,000 tokens. The cap applies per page, so a long list streams page by page;
    /// 128 MiB holds about 200,000 tokens in one answer and still bounds what a hostile registry
    /// can make the shell hold in memory.
    static let tokenPageByteLimit = 128 * 1024 * 1024

    /// Every token on the account: `GET -/npm/v1/tokens?perPage=9999`, then each `urls.next`.
    ///
    /// `next` may be absolute or a path; a path is resolved against the registry prefix as npm
    /// does. Credentials go only to the registry's origin, a repeated page URL ends the walk
    /// with an error rather than looping, and at most `maxPages` pages are fetched.
    public func listTokens(maxPages: Int = 200) throws(RegistryError) -> [RegistryToken] {
        try listTokensAndShape(maxPages: maxPages).tokens
    }

    /// `listTokens`, and what the first page looked like (a hint to the registry's kind).
    public func listTokensAndShape(maxPages: Int = 200) throws(RegistryError) -> (
        tokens: [RegistryToken], shape: TokenListShape?
    ) {
        try requireCredential()
        var shape: TokenListShape?
        var tokens: [RegistryToken] = []
        let plain = url("-/npm/v1/tokens")
        let first = url("-/npm/v1/tokens?perPage=\(Self.tokenPageSize)")
        var next: String? = first
        var seen: Set<String> = []
        var pages = 0
        while let page = next {
            guard seen.insert(page).inserted else {
                throw .invalidResponse("the token list pages loop back to \(page)")
            }
            guard pages < maxPages else {
                throw .invalidResponse("the token list did not end after \(maxPages) pages")
            }
            pages += 1
            let response = try exchange(.get, page, command: "token", maxResponseBytes: Self.tokenPageByteLimit)
            if page == first && response.status == 400 {
                // A registry that refuses the query gets npm's plain first request.
                next = plain
                continue
            }
            try checkTokenAPI(response, method: .get, displayURL: page)
            guard let json = RegistryJSON.parse(response.body), json.objectMembers != nil else {
                throw .invalidResponse("the token list is not a JSON object")
            }
            tokens += (json["objects"]?.arrayValue ?? []).compactMap(RegistryToken.init(json:))
            if shape == nil {
                shape = TokenListShape(
                    hasTotal: json["total"] != nil, nextIsEmptyString: json["urls"]?["next"]?.stringValue == "")
            }
            next = json["urls"]?["next"]?.stringValue.flatMap { $0.isEmpty ? nil : url($0) }
        }
        return (tokens, shape)
    }

    /// `POST -/npm/v1/tokens`. Wrap it in `withOTP`; npm 11 sends the granular body, npm 10 the classic one.
    public func createToken(_ request: TokenCreateRequest, password: Secret, otp: Secret? = nil)
        throws(RegistryError) -> CreatedToken
    {
        try requireCredential()
        let endpoint = url("-/npm/v1/tokens")
        let response = try exchange(.post, endpoint, command: "token", body: request.body(password: password), otp: otp)
        try checkTokenAPI(response, method: .post, displayURL: endpoint)
        guard let json = RegistryJSON.parse(response.body), let token = json["token"]?.stringValue, !token.isEmpty
        else {
            throw .invalidResponse("the registry created a token but did not send it")
        }
        var masked = json.setting("token", to: .string(RegistryToken.mask(token)))
        if json["key"]?.stringValue?.isEmpty ?? true {
            masked = masked.setting("key", to: .string(TokenKey.key(for: token)))
        }
        guard let object = RegistryToken(json: masked) else {
            throw .invalidResponse("the created token could not be read")
        }
        return CreatedToken(token: Secret(token), object: object)
    }

    /// `DELETE -/npm/v1/tokens/token/KEY`; any 2xx (204, or 200 `{"ok":true}`) is success.
    ///
    /// Give it a key (see `RevokeResolver`); a full token should be turned into its key first so
    /// the secret stays out of URLs. Wrap it in `withOTP`.
    public func revokeToken(key: String, otp: Secret? = nil) throws(RegistryError) {
        try requireCredential()
        guard !key.isEmpty else { throw .usage("a token id is needed", hint: "`token list` shows the ids") }
        let endpoint = url("-/npm/v1/tokens/token/" + RegistryPath.encodeComponent(key))
        _ = try send(.delete, endpoint, command: "token", otp: otp)
    }

    /// A 404 or 405 on the token API means the registry has none (GitHub Packages, for one).
    func checkTokenAPI(_ response: HTTPResponse, method: HTTPMethod, displayURL: String) throws(RegistryError) {
        switch response.status {
        case 200..<300: return
        case 404, 405:
            guard Self.looksLikeAnError(response) else {
                throw .tokenAPIUnavailable(registry: registry, status: response.status)
            }
            throw RegistryError.from(response, method: method, displayURL: displayURL)
        default: throw RegistryError.from(response, method: method, displayURL: displayURL)
        }
    }

    /// A JSON error with its own text (e.g. "user not found") is the registry speaking, not a missing route.
    static func looksLikeAnError(_ response: HTTPResponse) -> Bool {
        guard let text = RegistryError.registryMessage(in: RegistryJSON.parse(response.body)) else { return false }
        let lower = text.lowercased()
        return !(lower == "not found" || lower.hasPrefix("cannot ") || lower.contains("no such route"))
    }
}
