import Foundation
import Testing
import TokenShellCore

/// Registry text with control characters reaches the person only as visible stand-ins.
@Suite struct TerminalInjectionTests {
    let token = "npm_abcdefghijklmnopqrstuvwxyz0123456789"

    @Test("security 4: the whoami name and the prompt show no control characters")
    func whoamiNameIsClean() {
        let (shell, io, _, _) = ShellTests().makeShell(
            [.json(200, #"{"username":"eve\u001b]0;pwned\u0007\r\nroot\u202e"}"#)],
            config: "//127.0.0.1:4873/:_authToken=\(token)\n")
        #expect(shell.execute("whoami") == .success)
        #expect(io.outputText == "eve^[]0;pwned^G^M^Jroot<U+202E>\n")
        #expect(shell.prompt == "tokensh eve^[]0;pwned^G^M^Jroot<U+202E>@127.0.0.1:4873> ")
    }

    @Test("security 4: registry error messages are shown on one line without control characters")
    func errorMessagesAreClean() {
        let (shell, io, _, _) = ShellTests().makeShell(
            [.json(400, #"{"error":"\u001b[2Jboom\nhint: run rm -rf\u009b"}"#)],
            config: "//127.0.0.1:4873/:_authToken=\(token)\n")
        #expect(shell.execute("whoami") != .success)
        #expect(io.diagnosticText.contains("^[[2Jboom"))
        #expect(io.diagnosticText.contains("run rm -rf<U+009B>"))
        #expect(!io.diagnosticText.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" })
        #expect(io.diagnosticText.split(separator: "\n").filter { $0.hasPrefix("hint:") }.count <= 1)
    }
}
