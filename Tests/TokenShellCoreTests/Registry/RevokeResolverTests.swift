import Testing
import TokenShellCore

@Suite struct RevokeResolverTests {
    static let full = "npm_FullTokenValueAAAAAAAAAAAAAAAAAAAAAAA"

    func tokens() throws -> [RegistryToken] {
        let entries: [(String, String?, String)] = [
            ("abcdef111", "ci", "npm_aaaa...1111"),
            ("abcdef222", "dev", "npm_bbbb...2222"),
            (TokenKey.key(for: Self.full), "dup", "npm_Full...AAAA"),
            ("fed000", "dup", "npm_cccc...3333"),
        ]
        return try entries.map { key, name, masked in
            var members: [(String, RegistryJSON)] = [("key", .string(key)), ("token", .string(masked))]
            if let name { members.append(("name", .string(name))) }
            return try #require(RegistryToken(json: .object(members)))
        }
    }

    @Test func uniquePrefixNamesItsKey() throws {
        #expect(try RevokeResolver.resolve("abcdef1", among: tokens()) == .key("abcdef111"))
        #expect(try RevokeResolver.resolve("  fed ", among: tokens()) == .key("fed000"))
    }

    @Test func ambiguousAndUnknownIdsAreUsageErrors() throws {
        let list = try tokens()
        #expect(throws: RegistryError.ambiguousTokenID("abcdef", matches: 2)) {
            try RevokeResolver.resolve("abcdef", among: list)
        }
        #expect(throws: RegistryError.unknownTokenID("zzz")) { try RevokeResolver.resolve("zzz", among: list) }
        #expect(throws: RegistryError.self) { try RevokeResolver.resolve("", among: list) }
        #expect(RegistryError.ambiguousTokenID("abcdef", matches: 2).status == .usage)
    }

    @Test func aFullTokenBecomesItsKeyLocally() throws {
        let key = TokenKey.key(for: Self.full)
        #expect(try RevokeResolver.resolve(Self.full, among: tokens()) == .key(key))
        let other = "npm_NotListedTokenBBBBBBBBBBBBBBBBBBBBBBB"
        #expect(try RevokeResolver.resolve(other, among: tokens()) == .unlistedToken(key: TokenKey.key(for: other)))
        let uuid = "5f3b1c2a-0d4e-4f6a-8b9c-0123456789ab"
        #expect(try RevokeResolver.resolve(uuid, among: []) == .unlistedToken(key: TokenKey.key(for: uuid)))
    }

    @Test func unknownTokenLikeArgumentsAreMaskedInErrors() throws {
        let partial = "npm_PartialSecretValue"
        let error = try #require(
            throws: RegistryError.self, performing: { try RevokeResolver.resolve(partial, among: []) })
        #expect(error.message.contains(partial) == false)
    }

    @Test func namesMustBeUnique() throws {
        let list = try tokens()
        #expect(try RevokeResolver.resolve(name: "ci", among: list) == "abcdef111")
        #expect(throws: RegistryError.unknownTokenID("nope")) { try RevokeResolver.resolve(name: "nope", among: list) }
        let error = try #require(
            throws: RegistryError.self, performing: { try RevokeResolver.resolve(name: "dup", among: list) })
        #expect(error.status == .usage)
        #expect(error.message == "2 tokens are named \"dup\"")
    }
}
