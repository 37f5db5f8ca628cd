import Testing

@testable import TokenShellCore

@Suite("Audit report and fix")
struct AuditReportTests {
    let report = AuditReport(findings: [
        AuditFinding(.info, .userConfigToken, file: "/h/.npmrc", line: 1, message: "i \"q\"", fix: "none"),
        AuditFinding(.medium, .writeTokenWithoutCIDR, message: "m", fix: "f"),
        AuditFinding(.high, .literalToken, file: "b.js", line: 9, message: "h2", fix: "f"),
        AuditFinding(.high, .literalToken, file: "a.js", line: 2, message: "h1", fix: "f"),
    ])

    @Test func sortsBySeverityThenPlace() {
        #expect(report.findings.map(\.message) == ["h1", "h2", "m", "i \"q\""])
        #expect(report.hasHighSeverity)
        #expect(!AuditReport(findings: [report.findings[2]]).hasHighSeverity)
    }

    @Test func jsonFollowsTheDesignSchema() {
        let json = report.json
        #expect(
            json.hasPrefix(
                "{\"findings\":[{\"severity\":\"high\",\"kind\":\"literal-token\",\"file\":\"a.js\",\"line\":2,"))
        #expect(
            json.contains("{\"severity\":\"medium\",\"kind\":\"write-token-without-cidr\",\"file\":null,\"line\":null,")
        )
        #expect(json.contains("\"message\":\"i \\\"q\\\"\""))
        #expect(AuditReport(findings: []).json == "{\"findings\":[]}\n")
    }

    @Test func textShowsPlaceMessageFixAndSummary() {
        let text = report.text(width: 80)
        #expect(text.hasPrefix("high    a.js:2\n        h1\n        fix: f\n"))
        #expect(text.contains("medium  registry\n"))
        #expect(text.hasSuffix("4 findings: 2 high, 1 medium, 1 info.\n"))
        #expect(AuditReport(findings: []).text() == "No findings.\n")
    }

    @Test func literalTokenFixKeepsEverythingElse() {
        let token = AuditFixtures.tokenA
        let text = "; project\r\nregistry=https://registry.npmjs.org/\r\n//registry.npmjs.org/:_authToken=\(token)\r\n"
        guard case .replaced(let fixed, let line) = LiteralTokenFix.apply(to: Array(text.utf8)) else {
            Issue.record("expected a replacement")
            return
        }
        #expect(line == 3)
        #expect(
            fixed
                == Array(
                    "; project\r\nregistry=https://registry.npmjs.org/\r\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\r\n"
                        .utf8)
        )
        #expect(LiteralTokenFix.apply(to: fixed) == .nothingToReplace)
        let two = "//a.example/:_authToken=abcdefghij\n//b.example/:_authToken=klmnopqrst\n"
        #expect(LiteralTokenFix.apply(to: Array(two.utf8)) == .ambiguous(lines: [1, 2]))
    }

    @Test func fileModes() {
        #expect(FileMode.isReadableByOthers(0o644))
        #expect(FileMode.isReadableByOthers(0o640))
        #expect(!FileMode.isReadableByOthers(0o600))
        #expect(FileMode.isLooserThanPrivate(0o620))
        #expect(!FileMode.isLooserThanPrivate(0o600))
        #expect(FileMode.octal(0o644) == "0644")
    }
}
