import Foundation
import Testing
import TokenShellCore

/// The detector on a fresh account (an empty list), where an empty list alone must not mean granular.
@Suite struct TokenKindDetectorTests {
    typealias F = HousekeepingFixtures
    typealias Evidence = TokenKindDetector.Evidence

    static let verdaccioShape = TokenListShape(hasTotal: false, nextIsEmptyString: true)
    static let paginatedShape = TokenListShape(hasTotal: true, nextIsEmptyString: false)
    static let verdaccioToken = Secret(
        "NmQ3YmE4ZDc5YWZkNGI3YTk2ZTZiYjA0ZTZmNTg1ZTk6NDdkOTU2YjQ2ZjQ1YzYwMDIxZjYwNTFlOWU4MGQ3ZWEwYzE3NDQzOGE3YzhkZjM4")
    static let npmToken = Secret(NpmToken.generate())

    @Test("an empty list with nothing else to go on gives no verdict")
    func emptyListAloneIsNoEvidence() {
        let verdict = TokenKindDetector.detect(Evidence(tokens: [], registry: "https://npm.example.com/"))
        #expect(verdict.kind == nil)
    }

    @Test("an empty list in Verdaccio's shape means classic")
    func verdaccioListShapeMeansClassic() {
        let verdict = TokenKindDetector.detect(
            Evidence(tokens: [], registry: "https://npm.example.com/", listShape: Self.verdaccioShape))
        #expect(verdict.kind == .classic)
        #expect(verdict.reason.contains("Verdaccio"))
    }

    @Test("a login token that is not an npm_ token, with a paginated empty list, gives no verdict")
    func nonNpmLoginTokenIsNoEvidence() {
        let verdict = TokenKindDetector.detect(
            Evidence(
                tokens: [], registry: "https://npm.example.com/", listShape: Self.paginatedShape,
                credential: Self.verdaccioToken))
        #expect(verdict.kind == nil)
    }

    @Test("an unlisted npm_ login token is an npmjs-style session: granular")
    func unlistedNpmSessionMeansGranular() {
        let verdict = TokenKindDetector.detect(
            Evidence(
                tokens: [], registry: "http://127.0.0.1:4873/", listShape: Self.paginatedShape,
                credential: Self.npmToken))
        #expect(verdict.kind == .granular)
    }

    @Test("registry.npmjs.org is granular even with a Verdaccio-shaped reply")
    func npmjsHostIsGranular() {
        let verdict = TokenKindDetector.detect(
            Evidence(tokens: [], registry: "https://registry.npmjs.org/", listShape: Self.verdaccioShape))
        #expect(verdict.kind == .granular)
    }

    @Test("what a create showed before wins over the shapes of an empty list")
    func learntKindWins() throws {
        var memory = RegistryKindMemory(text: nil)
        memory.remember(
            .classic, for: "http://127.0.0.1:4873/", reason: "a granular request got a classic token", now: F.now)
        let verdict = TokenKindDetector.detect(
            Evidence(
                tokens: [], registry: "http://127.0.0.1:4873/", listShape: Self.paginatedShape,
                learnt: memory.entry(for: "http://127.0.0.1:4873/"), credential: Self.npmToken))
        #expect(verdict.kind == .classic)
        #expect(verdict.reason.contains("earlier token create"))
    }

    @Test("listed tokens and the flags still come first")
    func listAndFlagsComeFirst() throws {
        let granular = try F.granular(key: "g", name: "g")
        let learnt = RegistryKindMemory.Entry(kind: .classic, reason: "x", learnt: "y")
        #expect(
            TokenKindDetector.detect(Evidence(tokens: [granular], registry: "http://x/", learnt: learnt)).kind
                == .granular)
        #expect(
            TokenKindDetector.detect(Evidence(forced: .granular, tokens: [], registry: "http://x/", learnt: learnt))
                .kind
                == .granular)
    }

    @Test("npmjs is named for unlisted sessions only on npmjs or with an npm_ login token")
    func npmjsNamedOnlyWhereItApplies() {
        #expect(TokenKindDetector.hidesSessionsLikeNpmjs(registry: "https://registry.npmjs.org/", credential: nil))
        #expect(TokenKindDetector.hidesSessionsLikeNpmjs(registry: "http://127.0.0.1:1/", credential: Self.npmToken))
        #expect(
            !TokenKindDetector.hidesSessionsLikeNpmjs(registry: "http://127.0.0.1:1/", credential: Self.verdaccioToken))
    }

    @Test("the memory file round-trips, drops userinfo, and ignores garbage")
    func memoryRoundTrips() {
        var memory = RegistryKindMemory(text: "not json")
        #expect(memory.entries.isEmpty)
        let first = memory.remember(.classic, for: "https://user:pw@Npm.Example.com/sub", reason: "r", now: F.now)
        let again = memory.remember(.classic, for: "https://npm.example.com/sub/", reason: "again", now: F.now)
        #expect(first && !again)
        let text = memory.text
        #expect(!text.contains("pw"))
        let read = RegistryKindMemory(text: text)
        #expect(read == memory)
        #expect(read.entry(for: "https://npm.example.com/sub/")?.kind == .classic)
    }
}
