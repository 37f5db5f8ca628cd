import Testing
import TokenShellCore

@Suite struct SecretTests {
    @Test func interpolationIsRedacted() {
        let secret = Secret("hunter2")
        #expect("\(secret)".contains("hunter2") == false)
        #expect(String(reflecting: secret).contains("hunter2") == false)
        #expect(secret.reveal() == "hunter2")
    }
}
