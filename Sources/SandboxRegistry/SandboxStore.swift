import Foundation
import TokenCodecs

/// The registry's shared state: accounts, token keys, pending web flows and packages.
///
/// An actor because every request handler reads and changes it concurrently; each change is
/// persisted before the handler answers when `--state` is set.
actor SandboxStore {
    let flavor: SandboxConfiguration.Flavor
    let sessionTTL: TimeInterval
    let passwordIterations: Int
    let clock: @Sendable () -> Date
    private let stateFile: StateFile?
    private(set) var state: SandboxState {
        didSet { tokenIndex = nil }
    }
    /// Position of each token key in `state.tokens`, rebuilt after any change: every
    /// authenticated request looks its token up, and a scan of 1,000 keys cost more than the
    /// rest of a whoami.
    private var tokenIndex: [String: Int]?
    private var webLogins: [String: WebFlow] = [:]
    private var webOTPs: [String: WebFlow] = [:]
    /// One-time codes issued by approved web OTP flows, per user.
    private var webOTPCodes: [String: Set<String>] = [:]
    var packages = PackageStore()

    /// A web login or web OTP challenge waiting for approval on its HTML page.
    struct WebFlow: Sendable {
        var user: String?
        /// What the poll returns once approved: a token (login) or a one-time code (OTP).
        var result: String?
        var created: Date
    }

    init(configuration: SandboxConfiguration) throws {
        flavor = configuration.flavor
        sessionTTL = configuration.sessionTTL
        passwordIterations = configuration.passwordIterations
        clock = configuration.clock
        stateFile = configuration.statePath.map(StateFile.init(path:))
        state = try stateFile?.load() ?? SandboxState(flavor: configuration.flavor)
        state.flavor = configuration.flavor
    }

    // MARK: Accounts

    func user(named name: String) -> SandboxUser? { state.users[name] }

    /// Creates the account, or resets its password and second factor if it exists.
    @discardableResult
    func upsertUser(_ spec: SandboxConfiguration.User) throws -> SandboxUser {
        var user: SandboxUser
        if var existing = state.users[spec.name] {
            if !existing.password.verify(spec.password) || existing.password.iterations != passwordIterations {
                existing.password = PasswordHash.make(spec.password, iterations: passwordIterations)
            }
            user = existing
        } else {
            user = SandboxUser(
                name: spec.name, email: "\(spec.name)@example.com",
                password: PasswordHash.make(spec.password, iterations: passwordIterations), secondFactor: .none,
                totpSecret: nil, lastTOTPStep: nil, revision: 1)
        }
        user.secondFactor = spec.secondFactor
        if spec.secondFactor == .otp, user.totpSecret == nil {
            var generator = SystemRandomNumberGenerator()
            user.totpSecret = Base32.encode((0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        state.users[spec.name] = user
        try persist()
        return user
    }

    /// Registers a new account (couch adduser).
    func register(name: String, password: Secret, email: String) throws -> SandboxUser {
        let user = SandboxUser(
            name: name, email: email, password: PasswordHash.make(password, iterations: passwordIterations),
            secondFactor: .none, totpSecret: nil, lastTOTPStep: nil, revision: 1)
        state.users[name] = user
        try persist()
        return user
    }

    func verifyPassword(user name: String, _ password: Secret) -> Bool {
        state.users[name]?.password.verify(password) ?? false
    }

    func bumpRevision(user name: String) throws {
        state.users[name]?.revision += 1
        try persist()
    }

    // MARK: Second factor

    /// Checks the second factor for a sensitive operation; a refusal carries the challenge to send.
    func checkSecondFactor(user name: String, otp: String?, baseURL: String, autoApprove: Bool) throws -> SandboxError?
    {
        guard let user = state.users[name] else { return .badToken() }
        switch user.secondFactor {
        case .none:
            return nil
        case .otp:
            guard let otp, let secret = user.totpSecret.flatMap(Base32.decode) else { return .otpRequired }
            let now = Int64(clock().timeIntervalSince1970)
            guard let step = TOTP(secret: secret).matchingStep(for: otp, at: now, lastUsedStep: user.lastTOTPStep)
            else {
                return SandboxError(
                    status: 401,
                    message: "OTP required for authentication: the one-time password is wrong or was already used",
                    challenge: "OTP", code: "EOTP")
            }
            state.users[name]?.lastTOTPStep = step
            try persist()
            return nil
        case .webotp:
            if let otp, webOTPCodes[name]?.remove(otp) != nil { return nil }
            let id = Self.randomID()
            webOTPs[id] = WebFlow(user: name, result: autoApprove ? Self.oneTimeCode() : nil, created: clock())
            if autoApprove, let code = webOTPs[id]?.result { webOTPCodes[name, default: []].insert(code) }
            var challenge = SandboxError.otpRequired
            challenge.extra = ["authUrl": baseURL + "-/v1/otp/" + id, "doneUrl": baseURL + "-/v1/otp/" + id + "/done"]
            return challenge
        }
    }

    // MARK: Web flows

    func startWebLogin(autoApproveAs user: String?) -> String {
        let id = Self.randomID()
        webLogins[id] = WebFlow(user: nil, result: nil, created: clock())
        if let user { _ = try? approveWebLogin(id: id, user: user) }
        return id
    }

    func webLoginExists(_ id: String) -> Bool { webLogins[id] != nil }
    func webOTPUser(_ id: String) -> String? { webOTPs[id]?.user }

    /// Approves a pending web login as `user`: its poll will return a fresh login token.
    func approveWebLogin(id: String, user: String) throws -> Bool {
        guard webLogins[id] != nil, webLogins[id]?.result == nil else { return false }
        webLogins[id]?.user = user
        webLogins[id]?.result = try mintLoginToken(user: user)
        return true
    }

    func approveWebOTP(id: String) -> Bool {
        guard let flow = webOTPs[id], flow.result == nil, let user = flow.user else { return false }
        let code = Self.oneTimeCode()
        webOTPs[id]?.result = code
        webOTPCodes[user, default: []].insert(code)
        return true
    }

    enum PollResult: Equatable { case pending, done(String), unknown }

    /// A doneUrl poll: pending, the result (handed out once), or unknown.
    func poll(login: Bool, id: String) -> PollResult {
        guard let flow = login ? webLogins[id] : webOTPs[id] else { return .unknown }
        guard let result = flow.result else { return .pending }
        if login { webLogins[id] = nil } else { webOTPs[id] = nil }
        return .done(result)
    }

    // MARK: Tokens

    /// The token a login hands out: a 2-hour session (npmjs) or an ordinary publish token (classic).
    func mintLoginToken(user: String) throws -> String {
        if flavor == .verdaccio { return try mintVerdaccio(readonly: false, cidr: [], user: user, listed: false).value }
        if flavor == .npmjs {
            var grant = TokenRules.classicGrant(readonly: false, cidr: [])
            grant.kind = .session
            grant.expires = clock().addingTimeInterval(sessionTTL)
            return try mint(grant, user: user)
        }
        return try mint(TokenRules.classicGrant(readonly: false, cidr: []), user: user)
    }

    /// Creates a token for `grant` and returns its value, keeping only its key.
    func mint(_ grant: TokenRules.Grant, user: String, created: Date? = nil) throws -> String {
        let (value, stored) = Self.makeToken(grant, user: user, created: created ?? clock())
        state.tokens.append(stored)
        try persist()
        return value
    }

    static func makeToken(_ grant: TokenRules.Grant, user: String, created: Date) -> (String, StoredToken) {
        let value = NpmToken.generate()
        return (
            value,
            StoredToken(
                key: TokenKey.key(for: value), display: NpmToken.masked(value), user: user, kind: grant.kind,
                name: grant.name, description: grant.description, readonly: grant.readonly, cidr: grant.cidr,
                created: created, updated: created, expires: grant.expires, access: grant.access,
                packagesAll: grant.packagesAll, packages: grant.packages, scopes: grant.scopes, orgs: grant.orgs,
                orgsPermission: grant.orgsPermission, bypass2FA: grant.bypass2FA)
        )
    }

    /// Adds many tokens with one write (`--seed-tokens`).
    func insert(_ tokens: [StoredToken]) throws {
        state.tokens.append(contentsOf: tokens)
        try persist()
    }

    func token(forKey key: String) -> StoredToken? {
        let index = tokenIndex ?? buildTokenIndex()
        return index[key].map { state.tokens[$0] }
    }

    private func buildTokenIndex() -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(state.tokens.count)
        // The first of equal keys wins, as the linear search did.
        for (position, token) in state.tokens.enumerated() where index[token.key] == nil { index[token.key] = position }
        tokenIndex = index
        return index
    }

    /// The tokens `user` sees in a list: all but session tokens, oldest first.
    func listedTokens(user: String) -> [StoredToken] {
        state.tokens.filter { $0.user == user && $0.kind != .session }
    }

    /// Revokes the token with `key` if it belongs to `user` (nil: any owner); whether one was removed.
    @discardableResult
    func revoke(key: String, user: String?) throws -> Bool {
        let before = state.tokens.count
        state.tokens.removeAll { $0.key == key && (user == nil || $0.user == user) }
        guard state.tokens.count != before else { return false }
        try persist()
        return true
    }

    private func persist() throws {
        try stateFile?.save(state)
    }

    private static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<24).map { _ in String(Base62.alphabet[Int.random(in: 0..<62, using: &generator)]) }.joined()
    }

    private static func oneTimeCode() -> String {
        String(Int.random(in: 10_000_000...99_999_999))
    }
}
