import Foundation
import Testing

@testable import TokenShellCore

@Suite struct StatusReportTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    func entry(_ outcome: StatusProbe.Outcome, problems: [String] = []) -> StatusReport.Entry {
        StatusReport.Entry(
            subject: StatusSubject(
                registry: "https://r.example.test/", credential: nil, store: "TOKENSH_TOKEN",
                sent: .bearer(Secret("npm_" + String(repeating: "a", count: 36)))),
            probe: StatusProbe(outcome: outcome, user: "alice"), localProblems: problems)
    }

    @Test(arguments: [
        ([StatusProbe.Outcome.accepted], [[String]()], TokenShellCore.ExitStatus.success),
        ([.accepted], [["plain http"]], .failure),
        ([.accepted, .refused("401")], [["plain http"], []], .authentication),
        ([.unreachable("timeout"), .refused("401"), .accepted], [[], [], ["x"]], .unreachable),
    ])
    func theWorstFindingSetsTheExitStatus(
        outcomes: [StatusProbe.Outcome], problems: [[String]], status: TokenShellCore.ExitStatus
    ) {
        let report = StatusReport(
            entries: zip(outcomes, problems).map { entry($0, problems: $1) }, now: Self.now)
        #expect(report.exitStatus == status)
        #expect(report.json.hasSuffix("\"exitCode\":\(status.rawValue)}\n"))
    }

    @Test func noCredentialAtAllNeedsAttention() {
        let report = StatusReport(entries: [], now: Self.now)
        #expect(report.exitStatus == .failure)
        #expect(report.text.contains("No credentials found"))
    }

    @Test func theNerfDartsOfEveryLayerAreFoundOnce() throws {
        let services = InMemoryServices(cwd: "/work")
        services.setText(
            "/home/user/.npmrc",
            "//a.test/:_authToken=x\n//b.test/sub/:_auth=eA==\n//a.test/:_auth=y\n@s:registry=http://b.test/sub/\n")
        let config = try services.loadConfig(cli: [:])
        #expect(config.credentialNerfDarts == ["//a.test/", "//b.test/sub/"])
        #expect(config.registry(forNerfDart: "//b.test/sub/") == "http://b.test/sub/")
        #expect(config.registry(forNerfDart: "//a.test/") == "https://a.test/")
    }
}
