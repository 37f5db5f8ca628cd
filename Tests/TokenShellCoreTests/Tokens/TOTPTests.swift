import Testing
import TokenShellCore

@Suite struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    /// RFC 6238 Appendix B, SHA-1 column.
    @Test(arguments: [
        (Int64(59), "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func rfc6238Vectors(time: Int64, expected: String) {
        let totp = TOTP(secret: TOTPTests.rfcSecret, digits: 8)
        #expect(totp.code(at: time) == expected)
    }

    @Test func sixDigitCodesAreTheLastSixOfTheEightDigitOnes() {
        let totp = TOTP(secret: TOTPTests.rfcSecret)
        #expect(totp.code(at: 59) == "287082")
    }

    @Test func verifyAcceptsOneStepEitherSideOnly() {
        let totp = TOTP(secret: TOTPTests.rfcSecret)
        let now: Int64 = 1_700_000_000
        let step = totp.step(at: now)
        #expect(totp.matchingStep(for: totp.code(at: now), at: now) == step)
        #expect(totp.matchingStep(for: totp.code(at: now - 30), at: now) == step - 1)
        #expect(totp.matchingStep(for: totp.code(at: now + 30), at: now) == step + 1)
        #expect(totp.matchingStep(for: totp.code(at: now - 90), at: now) == nil)
        #expect(totp.matchingStep(for: "12345", at: now) == nil)
        #expect(totp.matchingStep(for: "abcdef", at: now) == nil)
    }

    @Test func aUsedCodeIsRefusedTheSecondTime() throws {
        let totp = TOTP(secret: TOTPTests.rfcSecret)
        let now: Int64 = 1_700_000_000
        let code = totp.code(at: now)
        let used = try #require(totp.matchingStep(for: code, at: now))
        #expect(totp.matchingStep(for: code, at: now, lastUsedStep: used) == nil)
        #expect(totp.matchingStep(for: totp.code(at: now + 30), at: now, lastUsedStep: used) == used + 1)
    }
}
