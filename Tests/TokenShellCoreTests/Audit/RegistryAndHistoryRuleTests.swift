import Testing

@testable import TokenShellCore

@Suite("Registry, http and git-history rules")
struct RegistryAndHistoryRuleTests {
    @Test func credentialsForAPlainHTTPRegistryOffLoopbackAreHigh() throws {
        let project = AuditFixtures.source(".npmrc", .untracked, "registry=http://npm.corp.example/\n")
        let user = AuditFixtures.source(
            "/h/.npmrc", .userConfig, "//npm.corp.example/:_authToken=${TOKEN}\n//localhost:4873/:_authToken=${T}\n",
            mode: 0o600)
        let loopback = AuditFixtures.source("b/.npmrc", .untracked, "registry=http://localhost:4873/\n")
        let findings = InsecureRegistryRule.findings(in: [project, user, loopback])
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .high)
        #expect(finding.kind == .insecureRegistry)
        #expect(finding.location == "/h/.npmrc:1")
        #expect(InsecureRegistryRule.findings(in: [loopback, user]).isEmpty)
        let https = AuditFixtures.source(".npmrc", .untracked, "registry=https://npm.corp.example/\n")
        #expect(InsecureRegistryRule.findings(in: [https, user]).isEmpty)
    }

    static func token(_ json: String) throws -> RegistryToken {
        try #require(RegistryJSON.parse(json).flatMap(RegistryToken.init(json:)))
    }

    @Test func registryTokensWithoutExpiryCIDROrWithBypass() throws {
        let tokens = [
            try Self.token(#"{"key":"aaaaaa11","readonly":false,"cidr_whitelist":[]}"#),
            try Self.token(
                #"{"key":"bbbbbb22","name":"ci","access":"read-only","expires":"2030-01-01T00:00:00.000Z","cidr":[]}"#),
            try Self.token(
                #"{"key":"cccccc33","name":"rel","access":"read-write","expires":"2030-01-01T00:00:00Z","cidr":["192.0.2.0/24"],"bypass_2fa":true}"#
            ),
        ]
        let findings = RegistryTokenRules.findings(tokens, registry: "https://r.example/")
        #expect(findings.map(\.kind) == [.tokenNeverExpires, .writeTokenWithoutCIDR, .bypass2FAToken])
        #expect(findings.allSatisfy { $0.file == nil && $0.line == nil })
        #expect(findings[0].message.contains("aaaaaa"))
        #expect(findings[2].message.contains("\"rel\""))
        #expect(!findings.contains { $0.severity == .high })
    }

    @Test func gitHistoryReportsARemovedTokenOnceAtItsOldestCommit() throws {
        let token = AuditFixtures.tokenA
        let newer = AuditSource(
            path: ".npmrc", location: .commit("2222222222222222"),
            lines: [AuditSource.Line(number: 3, text: "//r/:_authToken=\(token)")])
        let older = AuditSource(
            path: "ci.sh", location: .commit("1111111111111111"),
            lines: [AuditSource.Line(number: 7, text: "export NPM_TOKEN=\(token)")])
        let findings = GitHistoryRule.findings(in: [newer, older], known: [])
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.kind == .tokenInGitHistory)
        #expect(finding.location == "ci.sh:7")
        #expect(finding.message.contains("111111111111"))
        #expect(!finding.message.contains(token))
        #expect(GitHistoryRule.findings(in: [newer, older], known: [token]).isEmpty)
    }

    @Test func auditorCombinesFilesHistoryAndSkipsKnownTokens() {
        let token = AuditFixtures.tokenA
        let collection = AuditCollection(sources: [
            AuditFixtures.source("a.js", .tracked, "x = '\(token)'\n"),
            AuditSource(
                path: "a.js", location: .commit("abc"), lines: [AuditSource.Line(number: 1, text: "x = '\(token)'")]),
            AuditSource(
                path: "b.js", location: .commit("abc"),
                lines: [AuditSource.Line(number: 1, text: "y = '\(AuditFixtures.tokenB)'")]),
        ])
        let findings = Auditor.findings(in: collection)
        #expect(findings.map(\.kind) == [.literalToken, .tokenInGitHistory])
        #expect(findings.map(\.location) == ["a.js:1", "b.js:1"])
    }
}
