import Testing
import TokenShellCore

@Suite struct HistoryPolicyTests {
    @Test(arguments: [
        "token revoke npm_abcdefghijklmnopqrstuvwxyz0123456789",
        "audit a73c9572-f1b9-8983-983d-ba3ac3cc913d",
        "set T=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
        " whoami",
        "login --username alice --password hunter2",
        "token create --otp 123456",
        "",
    ])
    func refusesSecretsAndHiddenLines(line: String) {
        #expect(!HistoryPolicy().allows(line))
    }

    @Test(arguments: [
        "whoami",
        "token list --sort expires",
        "token revoke 2feae2",
        "login --auth-type legacy --username alice",
        "token create --name npm_ci --expires 30",
    ])
    func keepsOrdinaryCommands(line: String) {
        #expect(HistoryPolicy().allows(line))
    }

    @Test func refusesAnySecretSeenInTheSession() {
        var policy = HistoryPolicy()
        policy.noteSecret(Secret("hunter2-long"))
        #expect(!policy.allows("set X=hunter2-long"))
        #expect(policy.allows("set X=other"))
    }

    @Test func tokenShapeNeedsExactlyThirtySixCharacters() {
        #expect(SecretPatterns.npmTokens(in: "npm_short").isEmpty)
        #expect(SecretPatterns.npmTokens(in: "xnpm_abcdefghijklmnopqrstuvwxyz0123456789").isEmpty)
        #expect(SecretPatterns.npmTokens(in: "npm_abcdefghijklmnopqrstuvwxyz01234567890").isEmpty)
        #expect(SecretPatterns.npmTokens(in: "'npm_abcdefghijklmnopqrstuvwxyz0123456789'").count == 1)
    }
}
