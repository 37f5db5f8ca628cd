import Foundation
import Testing
import TokenShellCore

@testable import SandboxRegistry

/// `DELETE -/user/token/KEY` (npm logout) asks as much as `DELETE -/npm/v1/tokens/token/KEY`.
@Suite struct ServerLogoutTests {
    func code(_ sandbox: SandboxFixture, _ user: String) throws -> String {
        let secret = try #require(sandbox.host.totpSecrets[user].flatMap(Base32.decode))
        return TOTP(secret: secret).code(at: Int64(sandbox.clock.now().timeIntervalSince1970))
    }

    @Test("security 09: without a bearer, with another user's or with a token's key, nothing is revoked")
    func strangersCannotRevoke() async throws {
        let sandbox = try await SandboxFixture.start(users: ["alice:pw-alice", "bob:pw-bob"])
        let alice = try await sandbox.login("alice", "pw-alice")
        let bob = try await sandbox.login("bob", "pw-bob")
        let key = TokenKey.key(for: alice)
        for target in [alice, key] {
            #expect(try await sandbox.request("DELETE", "-/user/token/" + target).status == 401)
            #expect(try await sandbox.request("DELETE", "-/user/token/" + target, token: bob).status == 404)
            // A key is public (token lists show it): as a bearer it proves nothing.
            #expect(try await sandbox.request("DELETE", "-/user/token/" + target, token: key).status == 401)
        }
        #expect(try await sandbox.request("GET", "-/whoami", token: alice).status == 200)
        await sandbox.stop()
    }

    @Test("security 09: the token itself (npm logout) and its owner revoke it")
    func ownerAndTokenItselfRevoke() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .classic)
        let session = try await sandbox.login("alice", "pw-alice")
        let other = try await sandbox.login("alice", "pw-alice")
        let byOwner = try await sandbox.request("DELETE", "-/user/token/" + TokenKey.key(for: other), token: session)
        #expect(byOwner.status == 200 && byOwner.json?["ok"] as? Bool == true)
        #expect(try await sandbox.request("GET", "-/whoami", token: other).status == 401)
        #expect(try await sandbox.request("DELETE", "-/user/token/" + session, token: session).status == 200)
        #expect(try await sandbox.request("GET", "-/whoami", token: session).status == 401)
        // Already gone: the bearer no longer proves anything.
        #expect(try await sandbox.request("DELETE", "-/user/token/" + session, token: session).status == 401)
        await sandbox.stop()
    }

    @Test("security 09: the owner's other token needs the second factor, as the token API does")
    func ownerNeedsTheSecondFactor() async throws {
        let sandbox = try await SandboxFixture.start(flavor: .classic, users: ["bob:pw-bob:otp"])
        let session = try await sandbox.login("bob", "pw-bob", otp: try code(sandbox, "bob"))
        sandbox.clock.advance(by: 31)
        let other = try await sandbox.login("bob", "pw-bob", otp: try code(sandbox, "bob"))
        let path = "-/user/token/" + TokenKey.key(for: other)
        let challenged = try await sandbox.request("DELETE", path, token: session)
        #expect(challenged.status == 401 && challenged.headers["www-authenticate"] == "OTP")
        #expect(try await sandbox.request("GET", "-/whoami", token: other).status == 200)
        sandbox.clock.advance(by: 31)
        let done = try await sandbox.request(
            "DELETE", path, token: session, headers: ["npm-otp": try code(sandbox, "bob")])
        #expect(done.status == 200)
        #expect(try await sandbox.request("GET", "-/whoami", token: other).status == 401)
        // npm logout sends no OTP: a token ending itself needs none.
        #expect(try await sandbox.request("DELETE", "-/user/token/" + session, token: session).status == 200)
        await sandbox.stop()
    }
}
