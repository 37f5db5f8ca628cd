import Testing
import TokenShellCore

/// Edits keep every byte they do not change, UTF-8 or not, and leave exactly one line per credential.
@Suite struct NpmrcByteEditTests {
    @Test("security 11: Latin-1 bytes, a broken sequence, CRLF and no final newline survive an edit")
    func nonUTF8BytesSurviveAnEdit() throws {
        let head: [UInt8] = Array("; caf".utf8) + [0xE9] + Array("\r\n".utf8)
        let broken: [UInt8] = Array("init-author-name=Jos".utf8) + [0xE9, 0xC3, 0x28] + Array("\r\n".utf8)
        let tail: [UInt8] = Array("//r/:_authToken=npm_old\r\nfund=false".utf8)
        var document = NpmrcDocument(bytes: head + broken + tail)
        #expect(document.bytes == head + broken + tail)
        try document.setToken(Secret("npm_new"), registry: "https://r/")
        #expect(document.bytes == head + broken + Array("//r/:_authToken=npm_new\r\nfund=false".utf8))
        document.set("email", to: "a@example.com")
        #expect(document.bytes.starts(with: head + broken))
    }

    @Test("security 12: a login replaces every duplicate token line of the registry, a logout removes them all")
    func duplicateCredentialLinesAllGo() throws {
        let text =
            "//r/:_authToken=npm_first\n; keep\n//r/:_authToken = npm_second ; note\n//other/:_authToken=npm_x\n"
            + "//r/:_auth=dXNlcjpwYXNz\n"
        var document = NpmrcDocument(parsing: text)
        try document.setToken(Secret("npm_new"), registry: "https://r/")
        #expect(document.render() == "; keep\n//r/:_authToken = npm_new ; note\n//other/:_authToken=npm_x\n")

        var twice = NpmrcDocument(parsing: "//r/:_authToken=${A}\n//r/:_authToken=${B}\n")
        try twice.setTokenReference(registry: "https://r/")
        #expect(twice.render() == "//r/:_authToken=${NPM_TOKEN}\n")

        var logout = NpmrcDocument(parsing: text)
        logout.removeCredentials(nerfDarts: ["//r/"], isDefaultRegistry: false)
        #expect(logout.render() == "; keep\n//other/:_authToken=npm_x\n")
    }
}
