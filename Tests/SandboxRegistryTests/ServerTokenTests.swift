import Foundation
import Testing
import TokenShellCore

@testable import SandboxRegistry

@Suite struct ServerTokenTests {
    @Test func listPagesWithAbsoluteNextURLsUnderAPrefix() async throws {
        let sandbox = try await SandboxFixture.start(prefix: "/sub/", seedTokens: 60)
        let session = try await sandbox.login("alice", "pw-alice")
        var path = "-/npm/v1/tokens"
        var keys = Set<String>()
        var pages = 0
        while true {
            let page = try await sandbox.request("GET", path, token: session)
            #expect(page.status == 200)
            let json = try #require(page.json)
            #expect(json["total"] as? Int == 60)
            let objects = try #require(json["objects"] as? [[String: Any]])
            for object in objects {
                keys.insert(try #require(object["key"] as? String))
                let shown = try #require(object["token"] as? String)
                #expect(shown.contains("..."))
                #expect(object["name"] is String)
            }
            pages += 1
            let urls = try #require(json["urls"] as? [String: Any])
            guard let next = urls["next"] as? String else { break }
            let base = "http://127.0.0.1:\(sandbox.port)/sub/"
            #expect(next.hasPrefix(base))
            path = String(next.dropFirst(base.count))
        }
        #expect(pages == 3)
        #expect(keys.count == 60)
        let small = try await sandbox.request("GET", "-/npm/v1/tokens?page=1&perPage=50", token: session)
        #expect((small.json?["objects"] as? [Any])?.count == 10)
        #expect((small.json?["urls"] as? [String: Any])?["next"] == nil)
        #expect(try await sandbox.request("GET", "-/npm/v1/tokens?perPage=0", token: session).status == 400)
        await sandbox.stop()
    }

    @Test func granularCreateListAndRevokeByKeyOrToken() async throws {
        let sandbox = try await SandboxFixture.start()
        let session = try await sandbox.login("alice", "pw-alice")
        let classic = try await sandbox.createToken(
            session, password: "pw-alice", ["readonly": false, "cidr_whitelist": []])
        #expect(classic.status == 400)
        #expect((classic.json?["error"] as? String)?.contains("granular") == true)
        let wrongPassword = try await sandbox.createToken(session, password: "nope", ["name": "ci"])
        #expect(wrongPassword.status == 401)
        let tooLong = try await sandbox.createToken(
            session, password: "pw-alice",
            ["name": "w", "packages_and_scopes_permission": "read-write", "expires": 120])
        #expect(tooLong.status == 400)
        let created = try await sandbox.createToken(
            session, password: "pw-alice",
            ["name": "ci-read", "packages_and_scopes_permission": "read-only", "cidr_whitelist": ["10.0.0.0/8"]])
        #expect(created.status == 200)
        let json = try #require(created.json)
        let token = try #require(json["token"] as? String)
        #expect(NpmToken.hasTokenShape(token))
        #expect(json["key"] as? String == TokenKey.key(for: token))
        #expect(json["access"] as? String == "read-only")
        #expect(json["readonly"] as? Bool == true)
        #expect(json["expires"] is String)
        let second = try #require(
            try await sandbox.createToken(session, password: "pw-alice", ["name": "other"]).json?["token"] as? String)
        let list = try await sandbox.request("GET", "-/npm/v1/tokens", token: session)
        let objects = try #require(list.json?["objects"] as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects.allSatisfy { ($0["token"] as? String)?.count ?? 40 < 40 })
        #expect(objects.contains { $0["cidr_whitelist"] is NSNull })
        let byKey = try await sandbox.request(
            "DELETE", "-/npm/v1/tokens/token/" + TokenKey.key(for: token), token: session)
        #expect(byKey.status == 204)
        let byValue = try await sandbox.request("DELETE", "-/npm/v1/tokens/token/" + second, token: session)
        #expect(byValue.status == 204)
        #expect(try await sandbox.request("GET", "-/whoami", token: second).status == 401)
        let gone = try await sandbox.request("DELETE", "-/npm/v1/tokens/token/" + second, token: session)
        #expect(gone.status == 404)
        await sandbox.stop()
    }

    @Test func classicFlavourObjectsCarryOnlyClassicFields() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .classic)
        let login = try await sandbox.request(
            "PUT", "-/user/org.couchdb.user:alice/-rev/1-sandbox", json: ["name": "alice", "password": "pw-alice"])
        let session = try #require(login.json?["token"] as? String)
        let created = try await sandbox.createToken(
            session, password: "pw-alice", ["readonly": true, "cidr_whitelist": ["192.168.0.0/16"]])
        let json = try #require(created.json)
        #expect(json["readonly"] as? Bool == true)
        #expect(json["name"] == nil && json["access"] == nil && json["expires"] == nil)
        let list = try await sandbox.request("GET", "-/npm/v1/tokens", token: session)
        #expect(list.json?["total"] as? Int == 2)
        await sandbox.stop()
    }

    @Test func cidrIsEnforcedAgainstTheConnection() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .classic)
        let session = try await sandbox.login("alice", "pw-alice")
        let elsewhere = try #require(
            try await sandbox.createToken(session, password: "pw-alice", ["cidr_whitelist": ["10.0.0.0/8"]])
                .json?["token"] as? String)
        let refused = try await sandbox.request("GET", "-/whoami", token: elsewhere)
        #expect(refused.status == 401)
        #expect(refused.headers["www-authenticate"] == "ipaddress")
        let here = try #require(
            try await sandbox.createToken(session, password: "pw-alice", ["cidr_whitelist": ["127.0.0.0/8"]])
                .json?["token"] as? String)
        #expect(try await sandbox.request("GET", "-/whoami", token: here).status == 200)
        await sandbox.stop()
    }

    @Test func publishNeedsAWriteTokenAndServesTheTarball() async throws {
        let sandbox = try await SandboxFixture.start()
        let session = try await sandbox.login("alice", "pw-alice")
        let readOnly = try #require(
            try await sandbox.createToken(
                session, password: "pw-alice", ["name": "r", "packages_and_scopes_permission": "read-only"]
            )
            .json?["token"] as? String)
        let writer = try #require(
            try await sandbox.createToken(
                session, password: "pw-alice",
                ["name": "w", "scopes": ["@team"], "packages_and_scopes_permission": "read-write"]
            ).json?["token"] as? String)
        let body = SandboxFixture.publishBody(name: "@team/lib", version: "1.0.0")
        #expect(try await sandbox.request("PUT", "@team%2flib", json: body).status == 401)
        let denied = try await sandbox.request("PUT", "@team%2flib", token: readOnly, json: body)
        #expect(denied.status == 403)
        #expect((denied.json?["error"] as? String)?.contains("read-only") == true)
        let outside = SandboxFixture.publishBody(name: "lib", version: "1.0.0")
        #expect(try await sandbox.request("PUT", "lib", token: writer, json: outside).status == 403)
        #expect(try await sandbox.request("PUT", "@team%2flib", token: writer, json: body).status == 201)
        #expect(try await sandbox.request("PUT", "@team%2flib", token: writer, json: body).status == 403)
        let packument = try await sandbox.request("GET", "@team%2flib")
        let versions = try #require(packument.json?["versions"] as? [String: Any])
        let manifest = try #require(versions["1.0.0"] as? [String: Any])
        let tarball = try #require((manifest["dist"] as? [String: Any])?["tarball"] as? String)
        #expect(tarball == sandbox.host.baseURL + "@team/lib/-/lib-1.0.0.tgz")
        let file = try await sandbox.request("GET", "@team/lib/-/lib-1.0.0.tgz")
        #expect(file.text == "tarball bytes")
        #expect(try await sandbox.request("GET", "missing-package").status == 404)
        await sandbox.stop()
    }

    @Test func expiredAndRevokedTokensCannotPublish() async throws {
        let sandbox = try await SandboxFixture.start()
        let session = try await sandbox.login("alice", "pw-alice")
        let writer = try #require(
            try await sandbox.createToken(
                session, password: "pw-alice", ["name": "w", "packages_and_scopes_permission": "read-write"]
            )
            .json?["token"] as? String)
        sandbox.clock.advance(by: 8 * 86400)
        let expired = try await sandbox.request(
            "PUT", "pkg", token: writer, json: SandboxFixture.publishBody(name: "pkg", version: "1.0.0"))
        #expect(expired.status == 401)
        #expect(expired.json?["error"] as? String == "token expired")
        let fresh = try await sandbox.login("alice", "pw-alice")
        let another = try #require(
            try await sandbox.createToken(
                fresh, password: "pw-alice", ["name": "w2", "packages_and_scopes_permission": "read-write"]
            )
            .json?["token"] as? String)
        #expect(try await sandbox.request("DELETE", "-/npm/v1/tokens/token/" + another, token: fresh).status == 204)
        let revoked = try await sandbox.request(
            "PUT", "pkg", token: another, json: SandboxFixture.publishBody(name: "pkg", version: "1.0.0"))
        #expect(revoked.status == 401)
        await sandbox.stop()
    }

    @Test func stateSurvivesARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.json").path
        let first = try await SandboxFixture.start(flavor: .classic, users: ["alice:pw-alice:otp"], statePath: path)
        let secret = try #require(first.host.totpSecrets["alice"])
        let code = try #require(Base32.decode(secret)).count > 0
        #expect(code)
        let classicLogin = try await first.request(
            "PUT", "-/user/org.couchdb.user:alice/-rev/1-sandbox",
            json: ["name": "alice", "password": "pw-alice"],
            headers: [
                "npm-otp": TOTP(secret: Base32.decode(secret) ?? []).code(
                    at: Int64(first.clock.now().timeIntervalSince1970))
            ])
        let token = try #require(classicLogin.json?["token"] as? String)
        await first.stop()
        let stored = try String(contentsOfFile: path, encoding: .utf8)
        #expect(stored.contains(TokenKey.key(for: token)))
        #expect(stored.contains(token) == false)
        #expect(stored.contains("pw-alice") == false)
        let second = try await SandboxFixture.start(flavor: .classic, users: ["alice:pw-alice:otp"], statePath: path)
        #expect(second.host.totpSecrets["alice"] == secret)
        #expect(try await second.request("GET", "-/whoami", token: token).status == 200)
        await second.stop()
    }
}
