import Foundation
import Testing

@testable import SandboxRegistry

/// Each fault mode as a plain HTTP client sees it.
@Suite struct ServerFaultTests {
    @Test func latencyDelaysTheAnswer() async throws {
        let sandbox = try await SandboxFixture.start(faults: ["latency=300ms"])
        let started = ContinuousClock.now
        let response = try await sandbox.request("GET", "-/ping")
        #expect(response.status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        await sandbox.stop()
    }

    @Test(arguments: [500, 503])
    func serverErrors(status: Int) async throws {
        let sandbox = try await SandboxFixture.start(faults: ["\(status)=1"])
        let response = try await sandbox.request("GET", "-/ping")
        #expect(response.status == status)
        #expect(response.json?["error"] is String)
        await sandbox.stop()
    }

    @Test func tooManyRequestsCarriesRetryAfter() async throws {
        let sandbox = try await SandboxFixture.start(faults: ["429=1,retry-after=7"])
        let response = try await sandbox.request("GET", "-/ping")
        #expect(response.status == 429)
        #expect(response.headers["retry-after"] == "7")
        await sandbox.stop()
    }

    @Test func malformedBodiesAreNotJSON() async throws {
        let sandbox = try await SandboxFixture.start(faults: ["malformed=1,path=/-/whoami"])
        let token = try await sandbox.login("alice", "pw-alice")
        let response = try await sandbox.request("GET", "-/whoami", token: token)
        #expect(response.status == 200)
        #expect(response.body.isEmpty == false)
        #expect(response.json == nil)
        await sandbox.stop()
    }

    @Test func droppedConnectionsEndBeforeTheAnnouncedLength() async throws {
        let sandbox = try await SandboxFixture.start(faults: ["drop=1,path=/-/ping"])
        let response = try await sandbox.request("GET", "-/ping")
        #expect(response.closedEarly)
        #expect(response.headers["content-length"] == "1000")
        #expect(response.body.count < 1000)
        let unaffected = try await sandbox.request("GET", "-/whoami")
        #expect(unaffected.status == 401)
        await sandbox.stop()
    }

    @Test func zeroShareNeverFires() async throws {
        let sandbox = try await SandboxFixture.start(faults: ["500=0"])
        for _ in 0..<5 { #expect(try await sandbox.request("GET", "-/ping").status == 200) }
        await sandbox.stop()
    }
}
