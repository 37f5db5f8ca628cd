import Testing

@testable import TokenShellCore

@Suite("File audit rules")
struct FileAuditRulesTests {
    let token = AuditFixtures.tokenA

    @Test func aTrackedTokenIsHighWithFileAndLine() throws {
        let source = AuditFixtures.source("src/config.js", .tracked, "const a = 1\nconst t = '\(token)'\n")
        let finding = try #require(FileAuditRules.findings(in: source).first)
        #expect(finding.severity == .high)
        #expect(finding.kind == .literalToken)
        #expect(finding.location == "src/config.js:2")
        #expect(finding.message.contains(NpmToken.masked(token)))
        #expect(!finding.message.contains(token))
        #expect(!finding.fix.contains(token))
    }

    @Test func theUserConfigAtModeSixHundredIsInfoOnly() {
        let text = "//registry.npmjs.org/:_authToken=\(token)\n"
        let findings = FileAuditRules.findings(in: AuditFixtures.source("/h/.npmrc", .userConfig, text, mode: 0o600))
        #expect(findings.map(\.severity) == [.info])
        #expect(findings.map(\.kind) == [.userConfigToken])
    }

    @Test func aUserConfigReadableByOthersIsHighWhenItHoldsACredential() {
        let text = "//registry.npmjs.org/:_authToken=\(token)\n"
        let loose = FileAuditRules.findings(in: AuditFixtures.source("/h/.npmrc", .userConfig, text, mode: 0o644))
        let permission = loose.first { $0.kind == .configPermissions }
        #expect(permission?.severity == .high)
        #expect(permission?.message.contains("0644") == true)
        #expect(permission?.line == nil)
        let empty = FileAuditRules.findings(
            in: AuditFixtures.source("/h/.npmrc", .userConfig, "registry=https://r.example/\n", mode: 0o640))
        #expect(empty.map(\.severity) == [.medium])
        let privateFile = FileAuditRules.findings(in: AuditFixtures.source("/h/.npmrc", .userConfig, "", mode: 0o600))
        #expect(privateFile.isEmpty)
    }

    @Test func yarnrcAndEnvFilesWithoutTokenShapes() {
        let yarn = FileAuditRules.findings(
            in: AuditFixtures.source(".yarnrc.yml", .untracked, "npmRegistryServer: x\nnpmAuthToken: abcdefghijkl\n"))
        #expect(yarn.map(\.kind) == [.literalCredential])
        #expect(yarn.first?.line == 2)
        #expect(yarn.first?.severity == .high)
        let untrackedEnv = FileAuditRules.findings(
            in: AuditFixtures.source("app/.env.local", .untracked, "NPM_TOKEN=abcdefghijkl\n"))
        #expect(untrackedEnv.map(\.severity) == [.medium])
        let trackedEnv = FileAuditRules.findings(in: AuditFixtures.source(".env", .tracked, "NPM_TOKEN=\(token)\n"))
        #expect(trackedEnv.map(\.severity) == [.high])
        #expect(trackedEnv.map(\.kind) == [.literalToken])
    }

    @Test func referencesAreClean() {
        let source = AuditFixtures.source(
            ".npmrc", .tracked, "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nregistry=https://registry.npmjs.org/\n")
        #expect(FileAuditRules.findings(in: source).isEmpty)
    }

    @Test func shellHistoryTokensAreHigh() {
        let history = AuditFixtures.source(
            "/h/.bash_history", .shellHistory, "ls\nnpm publish --token \(token)\nNPM_TOKEN=abcdefghijkl npm ci\n")
        let findings = FileAuditRules.findings(in: history)
        #expect(findings.map(\.line) == [2, 3])
        #expect(findings.allSatisfy { $0.severity == .high })
    }

    @Test func fileKindsByName() {
        #expect(AuditSource.FileKind(path: "a/b/.npmrc") == .npmrc)
        #expect(AuditSource.FileKind(path: ".yarnrc.yml") == .yarnrc)
        #expect(AuditSource.FileKind(path: ".env.production") == .env)
        #expect(AuditSource.FileKind(path: ".envrc") == .other)
        #expect(AuditSource.FileKind(path: "npmrc.md") == .other)
    }
}

extension FileAuditRulesTests {
    @Test("security 14: a left-over temporary file is one finding, high when it holds a token")
    func leftoverTemporaryFiles() {
        var withToken = AuditSource(
            path: "..npmrc.tmp-12-abc", location: .untracked, text: "//r/:_authToken=\(AuditFixtures.tokenA)\n")
        withToken.isAbandonedStaging = true
        let findings = FileAuditRules.findings(in: withToken)
        #expect(findings.count == 1)
        #expect(findings.first?.kind == .leftoverTemporaryFile)
        #expect(findings.first?.severity == .high)
        #expect(findings.first?.message.hasPrefix("left-over temporary file holding a token") == true)
        #expect(findings.first?.message.contains(AuditFixtures.tokenA) == false)

        var plain = AuditSource(path: "..npmrc.tmp-12-abd", location: .untracked, text: "fund=false\n")
        plain.isAbandonedStaging = true
        #expect(FileAuditRules.findings(in: plain).map(\.severity) == [.low])
    }
}
