import Foundation
import Testing
import TokenShellCore

@testable import SandboxRegistry

/// The verdaccio flavour answers as Verdaccio 6's routes do (see `VerdaccioRoutes`).
@Suite struct VerdaccioFlavorTests {
    static var body: [String: Any] {
        ["_id": "org.couchdb.user:alice", "name": "alice", "password": "pw-alice", "type": "user", "roles": []]
    }

    static func basic(_ name: String, _ password: String) -> [String: String] {
        ["Authorization": "Basic " + Data((name + ":" + password).utf8).base64EncodedString()]
    }

    @Test("verdaccio login: 409 without credentials, 201 with the user's own Basic auth, 401 on a wrong password")
    func loginAnswersAsVerdaccio() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .verdaccio)
        let first = try await sandbox.request("PUT", "-/user/org.couchdb.user:alice", json: Self.body)
        #expect(first.status == 409)
        #expect(first.text.contains("\"error\": \"username is already registered\""))
        #expect(first.json?.keys.sorted() == ["error"])
        let anonymousDocument = try await sandbox.request("GET", "-/user/org.couchdb.user:alice?write=true")
        #expect(anonymousDocument.status == 200)
        #expect(anonymousDocument.json?["ok"] as? Bool == false)
        let authenticated = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:alice/-rev/undefined", json: Self.body,
            headers: Self.basic("alice", "pw-alice"))
        #expect(authenticated.status == 201)
        #expect(authenticated.json?["ok"] as? String == "you are authenticated as 'alice'")
        let token = try #require(authenticated.json?["token"] as? String)
        #expect(!token.hasPrefix("npm_"), "Verdaccio's tokens are not npm_ tokens")
        var wrongBody = Self.body
        wrongBody["password"] = "nope"
        let wrong = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:alice", json: wrongBody, headers: Self.basic("alice", "pw-alice"))
        #expect(wrong.status == 401)
        #expect(wrong.json?["error"] as? String == "bad username/password, access denied")
        #expect(wrong.headers["www-authenticate"] == "Bearer")
        let wrongRegistration = try await sandbox.request("PUT", "-/user/org.couchdb.user:alice", json: wrongBody)
        #expect(wrongRegistration.status == 401)
        #expect(wrongRegistration.json?["error"] as? String == "unauthorized access")
        await sandbox.stop()
    }

    @Test("verdaccio login tokens are not listed; the list is one page with an empty next URL")
    func loginTokensAreNotListed() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .verdaccio)
        let session = try await sandbox.login("alice", "pw-alice")
        #expect(try await sandbox.request("GET", "-/whoami", token: session).json?["username"] as? String == "alice")
        let list = try await sandbox.request("GET", "-/npm/v1/tokens", token: session)
        #expect(list.status == 200)
        #expect((list.json?["objects"] as? [Any])?.isEmpty == true)
        #expect(list.json?["total"] == nil)
        #expect((list.json?["urls"] as? [String: Any])?["next"] as? String == "")
        let logout = try await sandbox.request("DELETE", "-/user/token/" + session, token: session)
        #expect(logout.json?["ok"] as? String == "Logged out")
        #expect(
            try await sandbox.request("GET", "-/whoami", token: session).status == 200,
            "Verdaccio's logout revokes nothing")
        await sandbox.stop()
    }

    @Test("verdaccio token create: 200, granular fields ignored, random hex key, masked in the list, revoke answers {}")
    func createListRevoke() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .verdaccio)
        let session = try await sandbox.login("alice", "pw-alice")
        let created = try await sandbox.createToken(
            session, password: "pw-alice",
            [
                "name": "ci", "packages_and_scopes_permission": "read-only", "expires": 7,
                "cidr_whitelist": ["10.0.0.0/8"],
            ])
        #expect(created.status == 200)
        let object = try #require(created.json)
        #expect(object.keys.sorted() == ["cidr", "cidr_whitelist", "created", "key", "readonly", "token", "user"])
        #expect(object["readonly"] as? Bool == false, "granular fields are ignored: no readonly means read-write")
        let token = try #require(object["token"] as? String)
        let key = try #require(object["key"] as? String)
        #expect(key.count == 32 && key != TokenKey.key(for: token))
        let list = try await sandbox.request("GET", "-/npm/v1/tokens", token: session)
        let listed = try #require((list.json?["objects"] as? [[String: Any]])?.first)
        #expect(listed["key"] as? String == key)
        #expect(listed["token"] as? String == String(token.prefix(5)) + "..." + String(token.suffix(5)))
        #expect(listed["cidr_whitelist"] as? [String] == ["10.0.0.0/8"])
        let revoked = try await sandbox.request("DELETE", "-/npm/v1/tokens/token/" + key, token: session)
        #expect(revoked.status == 200)
        #expect(revoked.json?.isEmpty == true)
        #expect(try await sandbox.request("GET", "-/whoami", token: token).status != 200, "a revoked token is refused")
        await sandbox.stop()
    }

    @Test("verdaccio token create: a wrong type is 422, a wrong password 401, errors only carry error")
    func createRefusals() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .verdaccio)
        let session = try await sandbox.login("alice", "pw-alice")
        let badType = try await sandbox.createToken(session, password: "pw-alice", ["readonly": "yes"])
        #expect(badType.status == 422)
        #expect(badType.json?["error"] as? String == "the parameters are not valid")
        #expect(badType.json?.count == 1)
        let wrong = try await sandbox.createToken(session, password: "nope", ["readonly": true])
        #expect(wrong.status == 401)
        #expect(wrong.json?["error"] as? String == "bad username/password, access denied")
        await sandbox.stop()
    }

    @Test("verdaccio: Basic auth works like a bearer; a read-only token is refused any write with 403")
    func basicAuthAndReadOnlyEnforcement() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .verdaccio)
        let whoami = try await sandbox.request("GET", "-/whoami", headers: Self.basic("alice", "pw-alice"))
        #expect(whoami.json?["username"] as? String == "alice")
        let created = try await sandbox.request(
            "POST", "-/npm/v1/tokens", json: ["password": "pw-alice", "readonly": true],
            headers: Self.basic("alice", "pw-alice"))
        let readOnly = try #require(created.json?["token"] as? String)
        #expect(try await sandbox.request("GET", "-/whoami", token: readOnly).status == 200)
        let publish = try await sandbox.request(
            "PUT", "verdaccio-demo", token: readOnly,
            json: SandboxFixture.publishBody(name: "verdaccio-demo", version: "1.0.0"))
        #expect(publish.status == 403)
        #expect(publish.json?["error"] as? String == "unauthorized access")
        let anonymous = try await sandbox.request("GET", "-/npm/v1/tokens")
        #expect(anonymous.status == 401)
        #expect(anonymous.json?["error"] as? String == "no credentials provided")
        await sandbox.stop()
    }
}
