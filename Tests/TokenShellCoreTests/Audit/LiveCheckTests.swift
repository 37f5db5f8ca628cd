import Testing

@testable import TokenShellCore

@Suite struct LiveCheckTests {
    static let token = "npm_" + String(repeating: "A", count: 32) + "b1c2"

    @Test func aConfigLinesTokenBelongsToItsRegistryAndAnyOtherToTheCurrentOne() throws {
        let services = InMemoryServices()
        services.setText("/home/user/.npmrc", "@team:registry=https://npm.team.test/\n")
        let config = try services.loadConfig(cli: [:])
        let other = "npm_" + String(repeating: "B", count: 32) + "d3e4"
        let collection = AuditCollection(sources: [
            AuditSource(
                path: "app/.npmrc", location: .untracked,
                lines: [.init(number: 2, text: "//npm.team.test/:_authToken=\(Self.token)")]),
            AuditSource(
                path: "app/.env", location: .untracked,
                lines: [.init(number: 1, text: "NPM_TOKEN=\(other)"), .init(number: 2, text: "X=\(Self.token)")]),
        ])
        let targets = LiveCheck.targets(in: collection, config: config, current: "https://registry.npmjs.org/")
        #expect(targets.map(\.place) == ["app/.npmrc:2", "app/.env:1"], "each token once")
        #expect(targets.map(\.registry) == ["https://npm.team.test/", "https://registry.npmjs.org/"])
    }

    @Test(arguments: [
        ("https://npm.example.test/", true), ("http://127.0.0.1:4873/", true), ("http://localhost/", true),
        ("http://npm.example.test/", false), ("ftp://npm.example.test/", false),
    ])
    func aTokenNeverCrossesPlainHTTPToAnotherHost(registry: String, allowed: Bool) {
        #expect(LiveCheck.mayAsk(registry) == allowed)
    }

    @Test func resultsNeverShowTheToken() {
        let target = LiveCheck.Target(token: Secret(Self.token), place: "a:1", registry: "https://r.test/")
        let results = [
            LiveCheck.Result(target: target, verdict: .live(user: "alice")),
            LiveCheck.Result(target: target, verdict: .invalid),
        ]
        #expect(!LiveCheck.text(results).contains(Self.token))
        #expect(!LiveCheck.json(results).contains(Self.token))
        #expect(LiveCheck.text(results).contains("live: npm_AAAA...b1c2 (a:1) works on https://r.test/ as alice"))
    }
}
