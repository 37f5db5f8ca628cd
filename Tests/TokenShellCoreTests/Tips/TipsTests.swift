import Foundation
import Testing

@testable import TokenShellCore

@Suite("Tips")
struct TipsTests {
    @Test(arguments: TipTopic.allCases)
    func everyTipIsShortAndNamesAnHTTPSSource(_ topic: TipTopic) {
        let tip = TipLibrary.tip(topic)
        #expect(tip.topic == topic)
        #expect(!tip.sources.isEmpty)
        #expect(tip.sources.allSatisfy { $0.hasPrefix("https://") })
        #expect(tip.rendered.contains("source: https://"))
        #expect(tip.body.split(separator: "\n").count <= 16)
    }

    @Test func mythsCorrectsPublishToken() {
        let text = TipLibrary.tip(.myths).rendered
        #expect(text.contains("npm publish --token"))
        #expect(text.contains("not an npm option"))
        #expect(text.contains("_authToken=${NPM_TOKEN}"))
        #expect(text.contains("--userconfig"))
    }

    @Test func theTopicsIncludeTheIssuesList() {
        let required = [
            "storage", "ci", "least-privilege", "expiry", "2fa", "trusted-publishing", "leaked", "npmrc", "myths",
        ]
        #expect(Set(required).isSubset(of: Set(TipTopic.names)))
        for name in required { #expect(TipLibrary.overview.contains("  \(name) ")) }
    }

    @Test func concreteLines() {
        #expect(TipLibrary.tip(.ci).body.contains("NPM_TOKEN: ${{ secrets.NPM_TOKEN }}"))
        #expect(!TipLibrary.tip(.ci).body.contains("NODE_AUTH_TOKEN: ${{"), "the committed line reads NPM_TOKEN")
        #expect(TipLibrary.tip(.ci).body.contains("registry-url: https://registry.npmjs.org"))
        #expect(TipLibrary.tip(.npmrc).body.contains("//registry.npmjs.org/:_authToken=${NPM_TOKEN}"))
        #expect(TipLibrary.tip(.trustedPublishing).body.contains("id-token: write"))
    }

    @Test func tipsCommandPrintsATopicAndRejectsUnknownOnes() throws {
        let io = RecordingShellIO()
        let shell = Shell(io: io, services: InMemoryServices.tips(userConfigMode: 0o600), options: ShellOptionsValues())
        #expect(shell.execute("tips myths") == .success)
        #expect(io.outputs.joined().contains("npm publish --token"))
        #expect(shell.execute("tips nonsense") == .usage)
        let error = io.diagnostics.joined()
        #expect(error.contains("nonsense"))
        #expect(error.contains("least-privilege"))
        #expect(shell.execute("tips") == .success)
        #expect(io.outputs.last?.contains("trusted-publishing") == true)
    }

    @Test func contextualTipsShowOncePerSession() {
        let io = RecordingShellIO()
        let shell = Shell(io: io, services: InMemoryServices.tips(userConfigMode: 0o600), options: ShellOptionsValues())
        #expect(Tips.contextual(.createdWriteToken, in: shell))
        #expect(!Tips.contextual(.createdWriteToken, in: shell))
        #expect(Tips.contextual(.savedToProjectFile, in: shell))
        #expect(io.diagnostics.count == 2)
        #expect(io.outputs.isEmpty)
        #expect(io.diagnostics[0].contains("source: https://"))
    }

    @Test func noContextualTipsWithJSON() {
        let io = RecordingShellIO()
        var options = ShellOptionsValues()
        options.json = true
        let shell = Shell(io: io, services: InMemoryServices.tips(userConfigMode: 0o600), options: options)
        #expect(!Tips.contextual(.createdWriteToken, in: shell))
        #expect(io.diagnostics.isEmpty)
    }

    @Test func expiringSoonIsWithinSevenDaysAndNotExpired() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func token(expiresIn days: Double) throws -> RegistryToken {
            let date = Date(timeInterval: days * 86_400, since: now).formatted(.iso8601)
            return try #require(RegistryJSON.parse(#"{"key":"k","expires":"\#(date)"}"#).flatMap(RegistryToken.init))
        }
        #expect(Tips.expiresSoon(try token(expiresIn: 3), now: now))
        #expect(!Tips.expiresSoon(try token(expiresIn: 10), now: now))
        #expect(!Tips.expiresSoon(try token(expiresIn: -1), now: now))
        let io = RecordingShellIO()
        let shell = Shell(io: io, services: InMemoryServices.tips(userConfigMode: 0o600), options: ShellOptionsValues())
        #expect(!Tips.afterListing([try token(expiresIn: 30)], now: now, in: shell))
        #expect(Tips.afterListing([try token(expiresIn: 30), try token(expiresIn: 2)], now: now, in: shell))
        #expect(io.diagnostics.first?.contains("token rotate") == true)
    }

    @Test func thePromptAndCompletionNeverPrintTheTip() throws {
        let io = RecordingShellIO()
        let loose = Shell(io: io, services: InMemoryServices.tips(userConfigMode: 0o644), options: .init())
        #expect(loose.prompt.hasPrefix("tokensh "))
        _ = try loose.quietConfig()
        #expect(io.diagnostics.isEmpty, "the line editor owns the terminal while these run")
        loose.execute("config path")
        #expect(io.diagnosticText.contains("chmod 600"), "the first command shows it")
    }

    @Test func loadingAConfigReadableByOthersShowsTheTipOnce() throws {
        let io = RecordingShellIO()
        let loose = Shell(io: io, services: InMemoryServices.tips(userConfigMode: 0o644), options: .init())
        _ = try loose.config()
        _ = try loose.config()
        #expect(io.diagnostics.count == 1)
        #expect(io.diagnostics.first?.contains("chmod 600") == true)
        #expect(!Tips.afterLoadingConfig(try loose.config(), in: loose))
        let quiet = RecordingShellIO()
        let tight = Shell(io: quiet, services: InMemoryServices.tips(userConfigMode: 0o600), options: .init())
        #expect(!Tips.afterLoadingConfig(try tight.config(), in: tight))
        #expect(quiet.diagnostics.isEmpty)
    }
}

extension InMemoryServices {
    /// One user config at `/h/.npmrc` with the given mode, no network, a fixed clock.
    static func tips(userConfigMode: UInt32) -> InMemoryServices {
        let services = InMemoryServices(
            home: "/h", cwd: "/h", auditFiles: ModeTable(modes: ["/h/.npmrc": userConfigMode]))
        services.clock = Date(timeIntervalSince1970: 1_800_000_000)
        return services
    }
}
