import Foundation
import TokenCodecs

/// Couch ("legacy") login, adduser, the user document, and the web login flow.
///
/// Couch login design: the npmjs flavour answers the first `PUT` for an existing user with 201
/// and a token, as npmjs does. The classic flavour behaves like CouchDB and answers 409 for an
/// existing user, which makes npm fetch the user document (`GET …?write=true`) and retry with
/// `PUT …/-rev/REV` and Basic auth; that second PUT checks the password, the revision and the OTP.
extension SandboxRoutes {
    func couchLogin(_ request: SandboxRequest, name: String, revision: String?) async throws -> SandboxResponse {
        guard let body = request.jsonObject, let password = body["password"] as? String else {
            throw SandboxError.badRequest("the login body needs name and password")
        }
        if let bodyName = body["name"] as? String, bodyName != name {
            throw SandboxError.badRequest("username in the body does not match the URL")
        }
        guard let user = await store.user(named: name) else {
            if revision == nil, let email = body["email"] as? String, UserName.isValid(name) {
                _ = try await store.register(name: name, password: Secret(password), email: email)
                let token = try await store.mintLoginToken(user: name)
                return .json(
                    ["ok": true, "id": "org.couchdb.user:" + name, "rev": "1-sandbox", "token": token], status: 201)
            }
            throw SandboxError.badRequest("There is no user with the username \(name)")
        }
        if revision == nil, configuration.flavor == .classic {
            throw SandboxError(status: 409, message: "user \(name) already exists: update the document with its _rev")
        }
        if let revision {
            guard revision == Self.revisionText(user) else {
                throw SandboxError(status: 409, message: "Document update conflict: revision \(revision) is stale")
            }
            // npm sends the same password in Basic auth and the body; check a differing one too.
            if let (basicUser, basicPassword) = request.basicCredentials {
                guard basicUser == name else { throw SandboxError.wrongPassword }
                if basicPassword != password, await !store.verifyPassword(user: name, Secret(basicPassword)) {
                    throw SandboxError.wrongPassword
                }
            }
        }
        guard await store.verifyPassword(user: name, Secret(password)) else { throw SandboxError.wrongPassword }
        try await requireSecondFactor(request, user: name)
        if revision != nil { try await store.bumpRevision(user: name) }
        let token = try await store.mintLoginToken(user: name)
        let current = await store.user(named: name).map(Self.revisionText) ?? "1-sandbox"
        return .json(["ok": true, "id": "org.couchdb.user:" + name, "rev": current, "token": token], status: 201)
    }

    /// `GET /-/user/org.couchdb.user:NAME`: the CouchDB document npm merges before `PUT …/-rev/REV`.
    func userDocument(name: String) async throws -> SandboxResponse {
        guard let user = await store.user(named: name) else { throw SandboxError.notFound("no user \(name)") }
        return .json([
            "_id": "org.couchdb.user:" + name, "_rev": Self.revisionText(user), "name": name, "email": user.email,
            "type": "user", "roles": [String](), "date": ISOTimestamp.format(configuration.clock()),
        ])
    }

    static func revisionText(_ user: SandboxUser) -> String { "\(user.revision)-sandbox" }

    func startWebLogin(_ request: SandboxRequest) async -> SandboxResponse {
        let id = await store.startWebLogin(autoApproveAs: configuration.autoApprove ? defaultUser : nil)
        let login = request.baseURL + "-/v1/login/" + id
        return .json(["loginUrl": login, "doneUrl": login + "/done"])
    }

    /// A doneUrl poll. npm 10.8.2 must not get `Retry-After` (its unref'd timer exits the process
    /// without a TTY), so a pending poll is held here for up to a second before its 202.
    func pollWebFlow(login: Bool, id: String) async -> SandboxResponse {
        for attempt in 0..<10 {
            switch await store.poll(login: login, id: id) {
            case .done(let token): return .json(["token": token])
            case .unknown: return .error(.notFound("no such login or it was already completed"))
            case .pending:
                if attempt < 9 { try? await Task.sleep(for: .milliseconds(100)) }
            }
        }
        return .json([String: Any](), status: 202)
    }

    func webLoginPage(_ request: SandboxRequest, id: String) async throws -> SandboxResponse {
        guard await store.webLoginExists(id) else { return .html(ApprovalPage.gone, status: 404) }
        let action = request.baseURL + "-/v1/login/" + id
        guard request.method == "POST" else {
            return .html(ApprovalPage.login(action: action, message: nil))
        }
        let fields = request.formFields
        let name = fields["username"] ?? ""
        guard await store.verifyPassword(user: name, Secret(fields["password"] ?? "")) else {
            return .html(ApprovalPage.login(action: action, message: "Wrong username or password."), status: 401)
        }
        if let user = await store.user(named: name), user.secondFactor == .otp {
            let otp = fields["otp"].flatMap { $0.isEmpty ? nil : $0 }
            if try await store.checkSecondFactor(user: name, otp: otp, baseURL: request.baseURL, autoApprove: false)
                != nil
            {
                return .html(
                    ApprovalPage.login(action: action, message: "Enter a valid one-time password."), status: 401)
            }
        }
        guard try await store.approveWebLogin(id: id, user: name) else { return .html(ApprovalPage.gone, status: 404) }
        return .html(ApprovalPage.done)
    }

    func webOTPPage(_ request: SandboxRequest, id: String) async throws -> SandboxResponse {
        guard let user = await store.webOTPUser(id) else { return .html(ApprovalPage.gone, status: 404) }
        let action = request.baseURL + "-/v1/otp/" + id
        guard request.method == "POST" else { return .html(ApprovalPage.otp(action: action, user: user, message: nil)) }
        guard await store.verifyPassword(user: user, Secret(request.formFields["password"] ?? "")) else {
            return .html(ApprovalPage.otp(action: action, user: user, message: "Wrong password."), status: 401)
        }
        guard await store.approveWebOTP(id: id) else { return .html(ApprovalPage.gone, status: 404) }
        return .html(ApprovalPage.done)
    }
}
