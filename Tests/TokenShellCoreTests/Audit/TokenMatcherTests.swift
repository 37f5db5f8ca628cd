import Testing

@testable import TokenShellCore

@Suite("Token matcher")
struct TokenMatcherTests {
    /// A token whose CRC32 tail is right, as npmjs would issue it.
    static let real = AuditFixtures.token("a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5")

    @Test func findsATokenWithAMatchingChecksumAsConfident() throws {
        let matches = TokenMatcher.matches(in: "token: \(Self.real) # ci")
        let match = try #require(matches.first)
        #expect(matches.count == 1)
        #expect(match.value == Self.real)
        #expect(match.shape == .npm)
        #expect(match.checksumMatches)
        #expect(match.isConfident)
        #expect(match.masked == "npm_a1B2...\(Self.real.suffix(4))")
    }

    @Test func aWrongChecksumOutsideACredentialSettingIsOnlyAHint() throws {
        let fake = "npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d"
        let match = try #require(TokenMatcher.matches(in: "see \(fake) for an example").first)
        #expect(!match.checksumMatches)
        #expect(!match.isConfident)
        let assigned = try #require(TokenMatcher.matches(in: "//registry.npmjs.org/:_authToken=\(fake)").first)
        #expect(assigned.isConfident)
    }

    @Test(arguments: [
        "xnpm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5p6q7r8",  // part of a longer word before
        "npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5p6q7r8s",  // 37 characters
        "npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5p6q7r",  // 35 characters
        "_npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5p6q7r8",  // underscore is a word character
    ])
    func respectsWordBoundaries(_ line: String) {
        #expect(TokenMatcher.matches(in: line).isEmpty)
    }

    @Test func findsTwoTokensOnOneLine() {
        let line = "A=\(Self.real) B=npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d"
        #expect(TokenMatcher.matches(in: line).count == 2)
    }

    @Test func findsALegacyUUIDNextToAuthTokenOrNearNpm() throws {
        let uuid = "a73c9572-f1b9-4983-983d-ba3ac3cc913d"
        let config = try #require(TokenMatcher.matches(in: "//npm.example.com/:_authToken=\(uuid)").first)
        #expect(config.shape == .legacyUUID)
        #expect(config.isConfident)
        #expect(config.masked == "a73c...913d")
        let prose = try #require(TokenMatcher.matches(in: "our npm key is \(uuid)").first)
        #expect(!prose.isConfident)
        #expect(TokenMatcher.matches(in: "request id \(uuid) failed").isEmpty)
        #expect(TokenMatcher.matches(in: "npm" + String(repeating: " ", count: 45) + uuid).isEmpty)
        #expect(TokenMatcher.matches(in: "npm key x\(uuid)").isEmpty)
    }
}
