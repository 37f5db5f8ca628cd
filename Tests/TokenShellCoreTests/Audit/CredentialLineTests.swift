import Testing

@testable import TokenShellCore

@Suite("Credential lines")
struct CredentialLineTests {
    @Test func npmrcLiteralsAreFoundAndReferencesAreNot() {
        #expect(
            CredentialLine.parse("//npm.example.com/:_authToken = \"abcdefghijk\"", kind: .npmrc)
                == CredentialLine(key: "//npm.example.com/:_authToken", value: "abcdefghijk"))
        #expect(
            CredentialLine.parse("//r.example/:_auth=dXNlcjpwYXNzd29yZA==", kind: .npmrc)?.key == "//r.example/:_auth")
        #expect(CredentialLine.parse("//registry.npmjs.org/:_authToken=${NPM_TOKEN}", kind: .npmrc) == nil)
        #expect(CredentialLine.parse("; //r/:_authToken=abcdefghijk", kind: .npmrc) == nil)
        #expect(CredentialLine.parse("registry=https://registry.npmjs.org/", kind: .npmrc) == nil)
    }

    @Test func yarnrcNpmAuthToken() {
        #expect(
            CredentialLine.parse("  npmAuthToken: \"verdaccio-abc123\"", kind: .yarnrc)?.value == "verdaccio-abc123")
        #expect(CredentialLine.parse("npmAuthToken: \"${NPM_TOKEN}\"", kind: .yarnrc) == nil)
        #expect(CredentialLine.parse("npmAuthToken: abcdefghijk", kind: .npmrc) == nil)
    }

    @Test func envAndHistoryAssignments() {
        #expect(CredentialLine.parse("NPM_TOKEN=abcdefghijkl", kind: .env)?.key == "NPM_TOKEN")
        #expect(CredentialLine.parse("export NODE_AUTH_TOKEN='abcdefghijkl'", kind: .env)?.key == "NODE_AUTH_TOKEN")
        #expect(CredentialLine.parse("MY_NPM_TOKEN=abcdefghijkl", kind: .env) == nil)
        #expect(CredentialLine.parse("NPM_TOKEN=${CI_SECRET}", kind: .env) == nil)
        #expect(CredentialLine.parse("NPM_TOKEN=abcdefghijkl npm publish", kind: .other) == nil)
        #expect(
            CredentialLine.parse("NPM_TOKEN=abcdefghijkl npm publish", kind: .other, isShellHistory: true)?.value
                == "abcdefghijkl")
        #expect(CredentialLine.parse("set -x NPM_TOKEN abcdefghijkl", kind: .other, isShellHistory: true) != nil)
    }
}
