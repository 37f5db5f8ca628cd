import Foundation
import Testing
import TokenShellCore

@Suite struct RegistryTokenDateTests {
    @Test func datesParseWithAndWithoutFractions() throws {
        let token = try #require(
            RegistryToken(
                json: .object([
                    ("key", .string("k")), ("created", .string("2026-11-29T09:43:48.966Z")),
                    ("expires", .string("2026-12-29T09:43:48Z")),
                ])))
        let created = try #require(token.createdDate)
        #expect(abs(created.timeIntervalSince1970 - 1_795_945_428.966) < 0.001)
        #expect(token.expiresDate?.timeIntervalSince1970 == 1_798_537_428)
        #expect(RegistryToken.parseDate("yesterday") == nil)
    }
}
