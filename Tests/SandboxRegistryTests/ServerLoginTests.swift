import Foundation
import Testing
import TokenShellCore

@testable import SandboxRegistry

@Suite struct ServerLoginTests {
    @Test func pingWhoamiAndUnknownRoutes() async throws {
        let sandbox = try await SandboxFixture.start(prefix: "/sub/")
        #expect(sandbox.host.baseURL == "http://127.0.0.1:\(sandbox.port)/sub/")
        #expect(try await sandbox.request("GET", "-/ping?write=true").status == 200)
        let anonymous = try await sandbox.request("GET", "-/whoami")
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"] == "Bearer")
        let bad = try await sandbox.request("GET", "-/whoami", token: NpmToken.generate())
        #expect(bad.status == 401)
        #expect(bad.json?["error"] as? String != nil)
        let notifier = try await sandbox.request("GET", "npm")
        #expect(notifier.status == 404)
        #expect(notifier.json?["error"] as? String == "Not found")
        let outside = try await PlainHTTPClient.send(port: sandbox.port, "GET", "/-/ping")
        #expect(outside.status == 404)
        let token = try await sandbox.login("alice", "pw-alice")
        #expect(NpmToken.hasTokenShape(token) && NpmToken.checksumMatches(token))
        let whoami = try await sandbox.request("GET", "-/whoami", token: token)
        #expect(whoami.json?["username"] as? String == "alice")
        await sandbox.stop()
    }

    @Test func wrongPasswordAndUnknownUser() async throws {
        let sandbox = try await SandboxFixture.start()
        let wrong = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:alice", json: ["name": "alice", "password": "nope"])
        #expect(wrong.status == 401)
        #expect(wrong.headers["www-authenticate"] == "Basic realm=\"npm\"")
        let unknown = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:zed", json: ["name": "zed", "password": "x"])
        #expect(unknown.status == 400)
        let added = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:zed", json: ["name": "zed", "password": "x", "email": "z@example.com"])
        #expect(added.status == 201)
        #expect(try await sandbox.login("zed", "x").hasPrefix("npm_"))
        await sandbox.stop()
    }

    /// The classic flavour's CouchDB path: 409, GET ?write=true, PUT /-rev/REV with Basic auth.
    @Test func couchConflictPath() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .classic)
        let body: [String: Any] = ["_id": "org.couchdb.user:alice", "name": "alice", "password": "pw-alice"]
        let first = try await sandbox.request("PUT", "-/user/org.couchdb.user:alice", json: body)
        #expect(first.status == 409)
        let document = try await sandbox.request("GET", "-/user/org.couchdb.user:alice?write=true")
        let revision = try #require(document.json?["_rev"] as? String)
        let wrongBasic = "Basic " + Data("alice:wrong".utf8).base64EncodedString()
        let refused = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:alice/-rev/" + revision, json: body, headers: ["Authorization": wrongBasic])
        #expect(refused.status == 401)
        let basic = "Basic " + Data("alice:pw-alice".utf8).base64EncodedString()
        let second = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:alice/-rev/" + revision, json: body, headers: ["Authorization": basic])
        #expect(second.status == 201)
        let token = try #require(second.json?["token"] as? String)
        #expect(try await sandbox.request("GET", "-/whoami", token: token).status == 200)
        let stale = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:alice/-rev/" + revision, json: body, headers: ["Authorization": basic])
        #expect(stale.status == 409)
        let list = try await sandbox.request("GET", "-/npm/v1/tokens", token: token)
        #expect((list.json?["objects"] as? [Any])?.count == 1)
        await sandbox.stop()
    }

    @Test func totpIsRequiredAndEachCodeWorksOnce() async throws {
        let sandbox = try await SandboxFixture.start(users: ["bob:pw-bob:otp"])
        let secret = try #require(sandbox.host.totpSecrets["bob"].flatMap(Base32.decode))
        let body: [String: Any] = ["name": "bob", "password": "pw-bob"]
        let challenge = try await sandbox.request("PUT", "-/user/org.couchdb.user:bob", json: body)
        #expect(challenge.status == 401)
        #expect(challenge.headers["www-authenticate"] == "OTP")
        #expect(challenge.json?["error"] as? String == "OTP required for authentication")
        let wrong = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:bob", json: body, headers: ["npm-otp": "000000"])
        #expect(wrong.status == 401)
        let code = TOTP(secret: secret).code(at: Int64(sandbox.clock.now().timeIntervalSince1970))
        let token = try await sandbox.login("bob", "pw-bob", otp: code)
        let reused = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:bob", json: body, headers: ["npm-otp": code])
        #expect(reused.status == 401)
        #expect(reused.headers["www-authenticate"] == "OTP")
        let create = try await sandbox.createToken(token, password: "pw-bob", ["name": "ci"])
        #expect(create.status == 401)
        #expect(create.headers["www-authenticate"] == "OTP")
        await sandbox.stop()
    }

    @Test func webOTPGivesAOneTimeCodeAfterApproval() async throws {
        let sandbox = try await SandboxFixture.start(users: ["carol:pw-carol:webotp"])
        let body: [String: Any] = ["name": "carol", "password": "pw-carol"]
        let challenge = try await sandbox.request("PUT", "-/user/org.couchdb.user:carol", json: body)
        #expect(challenge.headers["www-authenticate"] == "OTP")
        let authURL = try #require(challenge.json?["authUrl"] as? String)
        let doneURL = try #require(challenge.json?["doneUrl"] as? String)
        let base = "http://127.0.0.1:\(sandbox.port)"
        #expect(authURL.hasPrefix(base) && doneURL.hasPrefix(base))
        #expect(
            try await PlainHTTPClient.send(port: sandbox.port, "GET", String(doneURL.dropFirst(base.count))).status
                == 202)
        let page = try await PlainHTTPClient.send(port: sandbox.port, "GET", String(authURL.dropFirst(base.count)))
        #expect(page.text.contains("<form method=\"post\""))
        let approve = try await PlainHTTPClient.send(
            port: sandbox.port, "POST", String(authURL.dropFirst(base.count)),
            headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data("password=pw-carol".utf8))
        #expect(approve.status == 200)
        let done = try await PlainHTTPClient.send(port: sandbox.port, "GET", String(doneURL.dropFirst(base.count)))
        let code = try #require(done.json?["token"] as? String)
        #expect(try await sandbox.login("carol", "pw-carol", otp: code).hasPrefix("npm_"))
        let again = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:carol", json: body, headers: ["npm-otp": code])
        #expect(again.status == 401)
        await sandbox.stop()
    }

    @Test func webLoginThroughTheApprovalPage() async throws {
        let sandbox = try await SandboxFixture.start(prefix: "/sub/")
        let start = try await sandbox.request("POST", "-/v1/login", json: [:])
        let loginURL = try #require(start.json?["loginUrl"] as? String)
        let doneURL = try #require(start.json?["doneUrl"] as? String)
        let base = "http://127.0.0.1:\(sandbox.port)"
        #expect(loginURL.hasPrefix(base + "/sub/"))
        let pending = try await PlainHTTPClient.send(port: sandbox.port, "GET", String(doneURL.dropFirst(base.count)))
        #expect(pending.status == 202)
        #expect(pending.headers["retry-after"] == nil)
        let form = ["Content-Type": "application/x-www-form-urlencoded"]
        let denied = try await PlainHTTPClient.send(
            port: sandbox.port, "POST", String(loginURL.dropFirst(base.count)), headers: form,
            body: Data("username=alice&password=wrong".utf8))
        #expect(denied.status == 401)
        let approved = try await PlainHTTPClient.send(
            port: sandbox.port, "POST", String(loginURL.dropFirst(base.count)), headers: form,
            body: Data("username=alice&password=pw-alice".utf8))
        #expect(approved.status == 200)
        let done = try await PlainHTTPClient.send(port: sandbox.port, "GET", String(doneURL.dropFirst(base.count)))
        let token = try #require(done.json?["token"] as? String)
        #expect(try await sandbox.request("GET", "-/whoami", token: token).json?["username"] as? String == "alice")
        #expect(
            try await PlainHTTPClient.send(port: sandbox.port, "GET", String(doneURL.dropFirst(base.count))).status
                == 404)
        await sandbox.stop()
    }

    @Test func autoApprovedWebLoginAndSessionExpiry() async throws {
        let sandbox = try await SandboxFixture.start(autoApprove: true)
        let start = try await sandbox.request("POST", "-/v1/login", json: [:])
        let doneURL = try #require(start.json?["doneUrl"] as? String)
        let path = String(doneURL.dropFirst("http://127.0.0.1:\(sandbox.port)".count))
        let token = try #require(
            try await PlainHTTPClient.send(port: sandbox.port, "GET", path).json?["token"] as? String)
        #expect(try await sandbox.request("GET", "-/whoami", token: token).status == 200)
        let list = try await sandbox.request("GET", "-/npm/v1/tokens", token: token)
        #expect(list.json?["total"] as? Int == 0)
        sandbox.clock.advance(by: 2 * 3600 + 1)
        let expired = try await sandbox.request("GET", "-/whoami", token: token)
        #expect(expired.status == 401)
        #expect(expired.headers["www-authenticate"] == "Bearer")
        #expect((expired.json?["error"] as? String)?.hasPrefix("session expired:") == true)
        let logout = try await sandbox.request("DELETE", "-/user/token/" + token, token: token)
        #expect(logout.status == 200)
        #expect(logout.json?["ok"] as? Bool == true)
        // An expired session may end itself, but may not act on any other token.
        #expect(try await sandbox.request("DELETE", "-/user/token/unknown", token: token).status == 401)
        await sandbox.stop()
    }

    @Test func logoutRevokesTheToken() async throws {
        let sandbox = try await SandboxFixture.start()
        let token = try await sandbox.login("alice", "pw-alice")
        #expect(try await sandbox.request("DELETE", "-/user/token/" + token, token: token).status == 200)
        #expect(try await sandbox.request("GET", "-/whoami", token: token).status == 401)
        await sandbox.stop()
    }

    @Test func theAccessLogHoldsNoSecrets() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-log-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sandbox = try await SandboxFixture.start(users: ["bob:pw-bob:otp"], log: .file(path))
        let secret = try #require(sandbox.host.totpSecrets["bob"].flatMap(Base32.decode))
        let code = TOTP(secret: secret).code(at: Int64(sandbox.clock.now().timeIntervalSince1970))
        let token = try await sandbox.login("bob", "pw-bob", otp: code)
        _ = try await sandbox.request("DELETE", "-/user/token/" + token, token: token)
        await sandbox.stop()
        let log = try String(contentsOfFile: path, encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("PUT /-/user/org.couchdb.user:bob 201 ") == true)
        #expect(lines.last?.hasPrefix("DELETE /-/user/token/npm_") == true)
        for secretText in [token, String(token.suffix(20)), "pw-bob", code] {
            #expect(log.contains(secretText) == false)
        }
    }
}
