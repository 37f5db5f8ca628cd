import Testing
import TokenShellCore

@Suite struct TokenRollbackTests {
    static let excess = ["read-write was granted, read-only was asked"]
    static let notSaved = ShellError(.failure, "could not write /ci/token: disk full", hint: "free some space")
    static let revokeFailed = ShellError(.failure, "the registry answered 500 internal server error to DELETE …")

    @Test("seams bug 2: an over-granted token whose revoke failed is reported live, with its id")
    func overGrantedAndNotRevoked() {
        let error = TokenRollback(
            reason: .overGranted(Self.excess, hint: "ask the operator"), revoke: .failed(Self.revokeFailed),
            id: "a1b2c3"
        ).error
        #expect(error.status == .failure)
        #expect(!error.message.contains("was revoked"))
        #expect(error.message.contains("revoking the token failed: the registry answered 500"))
        #expect(error.message.contains("token a1b2c3 is still live"))
        #expect(error.hint == "revoke it now: `token revoke a1b2c3`")
        #expect(error.code == "EROLLBACKFAILED")
    }

    @Test("seams bug 2: an unsaved token whose revoke failed is reported live, with its id")
    func notSavedAndNotRevoked() {
        let error = TokenRollback(reason: .notSaved(Self.notSaved), revoke: .failed(Self.revokeFailed), id: "a1b2c3")
            .error
        #expect(error.status == .failure)
        #expect(!error.message.contains("was revoked"))
        #expect(error.message.hasPrefix("could not write /ci/token: disk full; revoking the unsaved token failed too"))
        #expect(error.message.contains("token a1b2c3 is still live"))
        #expect(error.hint == "revoke it now: `token revoke a1b2c3`")
    }

    @Test func aRevokeThatWorkedSaysSo() {
        let overGranted = TokenRollback(
            reason: .overGranted(Self.excess, hint: "ask the operator"), revoke: .revoked, id: "a1b2c3"
        ).error
        #expect(overGranted.message.hasPrefix("the registry granted more than asked, so the token was revoked at once"))
        #expect(overGranted.hint == "ask the operator" && overGranted.code == "EGRANTMISMATCH")
        let unsaved = TokenRollback(reason: .notSaved(Self.notSaved), revoke: .revoked, id: "a1b2c3").error
        #expect(unsaved.message.hasSuffix("the new token was revoked, since it could not be saved"))
        #expect(unsaved.hint == "free some space" && unsaved.status == .failure)
    }
}
