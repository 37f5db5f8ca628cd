import Foundation
import Testing
import TokenShellCore

@testable import SandboxRegistry

@Suite struct ConfigurationTests {
    @Test func userSpecs() throws {
        let plain = try SandboxConfiguration.User.parse("alice:s3cret")
        #expect(plain.name == "alice")
        #expect(plain.password.reveal() == "s3cret")
        #expect(plain.secondFactor == .none)
        let otp = try SandboxConfiguration.User.parse("bob:pa:ss:otp")
        #expect(otp.password.reveal() == "pa:ss")
        #expect(otp.secondFactor == .otp)
        #expect(try SandboxConfiguration.User.parse("carol:pw:webotp").secondFactor == .webotp)
        #expect(throws: SandboxConfigurationError.self) { try SandboxConfiguration.User.parse("nocolon") }
        #expect(throws: SandboxConfigurationError.self) { try SandboxConfiguration.User.parse("Alice:pw") }
        #expect(throws: SandboxConfigurationError.self) { try SandboxConfiguration.User.parse("dave:") }
    }

    @Test func prefixesAreNormalised() {
        #expect(SandboxConfiguration.normalizePrefix("sub") == "/sub/")
        #expect(SandboxConfiguration.normalizePrefix("/a/b") == "/a/b/")
        #expect(SandboxConfiguration.normalizePrefix("/") == "/")
        #expect(SandboxConfiguration.normalizePrefix("") == "/")
    }

    @Test func seedingAboveTheNpmjsCapIsRefusedAtStart() throws {
        var configuration = SandboxConfiguration()
        configuration.seedTokens = 1001
        #expect(throws: SandboxConfigurationError.self) { try configuration.validate() }
        configuration.flavor = .classic
        try configuration.validate()
    }

    @Test func faultSpecs() throws {
        #expect(try FaultRule.parse("latency=200ms") == FaultRule(kind: .latency(milliseconds: 200)))
        #expect(try FaultRule.parse("latency=2s") == FaultRule(kind: .latency(milliseconds: 2000)))
        #expect(try FaultRule.parse("500=0.3") == FaultRule(kind: .status(500, retryAfter: nil), probability: 0.3))
        #expect(try FaultRule.parse("503") == FaultRule(kind: .status(503, retryAfter: nil)))
        #expect(try FaultRule.parse("429=1,retry-after=2") == FaultRule(kind: .status(429, retryAfter: 2)))
        #expect(
            try FaultRule.parse("drop=0.5,path=/-/npm/v1/tokens")
                == FaultRule(kind: .drop, probability: 0.5, pathPrefix: "/-/npm/v1/tokens"))
        #expect(try FaultRule.parse("malformed").kind == .malformed)
        for bad in ["", "teapot=1", "500=2", "latency", "500=1,retry-after=3", "drop=1,path=relative", "drop=1,x=1"] {
            #expect(throws: SandboxConfigurationError.self, "\(bad)") { try FaultRule.parse(bad) }
        }
        let rule = try FaultRule.parse("500,path=/-/whoami")
        #expect(rule.matches(path: "/-/whoami"))
        #expect(rule.matches(path: "/-/ping") == false)
    }

    @Test func passwordsAreHashedNotStored() {
        let hash = PasswordHash.make(Secret("correct horse"), iterations: 1000)
        #expect(hash.verify(Secret("correct horse")))
        #expect(hash.verify(Secret("correct horsE")) == false)
        #expect(hash.hash.contains("correct") == false)
        #expect(PasswordHash.make(Secret("correct horse"), iterations: 1000).salt != hash.salt)
    }

    /// RFC 7914 §11's PBKDF2-HMAC-SHA256 vector (P="passwd", S="salt", c=1), first 32 bytes.
    @Test func pbkdf2MatchesTheRFCVector() {
        let derived = PasswordHash.derive(Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1)
        let hex = derived.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(hex == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    @Test func theAccessLogMasksSecretsInPaths() {
        let token = "npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d"
        let logout = AccessLog.mask("/sub/-/user/token/" + token)
        #expect(logout == "/sub/-/user/token/npm_TCll...")
        #expect(AccessLog.mask("/-/npm/v1/tokens/token/" + token).contains("BOh6d") == false)
        let key = String(repeating: "ab", count: 64)
        #expect(AccessLog.mask("/-/npm/v1/tokens/token/" + key) == "/-/npm/v1/tokens/token/abababababab...")
        #expect(AccessLog.mask("/-/v1/login/abcdefghijkl/done") == "/-/v1/login/abcd.../done")
        #expect(AccessLog.mask("/-/npm/v1/tokens?page=1&perPage=25") == "/-/npm/v1/tokens?page=1&perPage=25")
        #expect(AccessLog.mask("/-/user/token/short") == "/-/user/token/***")
    }
}

@Suite struct AccessLogQueryTests {
    @Test(
        "security 19: the access log masks query values but keeps paging",
        arguments: [
            ("/-/v1/login?token=npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d", "/-/v1/login?token=***"),
            ("/-/whoami?password=hunter2&otp=123456", "/-/whoami?password=***&otp=***"),
            ("/-/whoami?hunter2", "/-/whoami?***"),
            ("/-/whoami?npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d=1", "/-/whoami?***"),
            ("/-/npm/v1/tokens?page=1&perPage=25", "/-/npm/v1/tokens?page=1&perPage=25"),
            ("/-/npm/v1/tokens?page=npm_secretsecretsecret", "/-/npm/v1/tokens?page=***"),
            ("/-/user/org.couchdb.user:alice?write=true", "/-/user/org.couchdb.user:alice?write=true"),
        ])
    func masksQueryValues(path: String, expected: String) {
        #expect(AccessLog.mask(path) == expected)
    }
}
