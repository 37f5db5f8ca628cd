import Testing

@testable import TokenShellCore

@Suite struct ScriptRecorderTests {
    let parser = CommandParser()

    func parse(_ line: String, _ variables: [String: String] = [:]) throws -> ParsedCommand {
        try #require(try parser.parse(line, variables: { variables[$0] }))
    }

    func decide(_ line: String, _ variables: [String: String] = [:], allows: (String) -> Bool = { _ in true }) throws
        -> ScriptRecorder.Decision
    {
        ScriptRecorder.decision(for: try parse(line, variables), completed: nil, allowsLine: allows)
    }

    @Test(arguments: [
        "help", "help token create", "history 5", "record status", "tips", "replay other.tksh", "source x.tksh",
        "exit", "quit", "set",
    ])
    func metaCommandsAreNotWritten(_ line: String) throws {
        #expect(try decide(line) == .skipMeta)
    }

    @Test func commandsAreWrittenCanonically() throws {
        #expect(try decide("whoami") == .write("whoami"))
        #expect(try decide("set  SCOPE=@acme") == .write("set SCOPE=@acme"))
        #expect(
            try decide("login --username alice --auth-type legacy")
                == .write("login --auth-type legacy --username alice"))
    }

    @Test func variableReferencesStayUnexpanded() throws {
        let decision = try decide("login --auth-type legacy --username ${NPM_USER}", ["NPM_USER": "alice"])
        #expect(decision == .write("login --auth-type legacy --username ${NPM_USER}"))
    }

    @Test func theCompletedCommandIsWhatIsWritten() throws {
        let typed = try parse("login")
        var completed = typed
        try completed.setFlag("auth-type", .string("legacy"))
        try completed.setFlag("username", .string("bob"))
        #expect(
            ScriptRecorder.decision(for: typed, completed: completed, allowsLine: { _ in true })
                == .write("login --auth-type legacy --username bob"))
    }

    @Test func aTokenValueIsNeverWritten() throws {
        let token = "npm_" + String(repeating: "a1B2", count: 9)
        #expect(try decide("set LEAK=\(token)") == .skipSecret)
        #expect(try decide("set ID=01234567-89ab-cdef-0123-456789abcdef") == .skipSecret)
    }

    @Test func aSecretThisSessionSawIsNeverWritten() throws {
        var policy = HistoryPolicy()
        policy.noteSecret(Secret("hunter2-pw"))
        #expect(try decide("set NOTE=hunter2-pw", allows: { policy.allows($0) }) == .skipSecret)
        #expect(try decide("set NOTE=harmless", allows: { policy.allows($0) }) == .write("set NOTE=harmless"))
    }

    @Test func appendingCountsCommandsAfterTheHeader() {
        var recorder = ScriptRecorder(path: "s.tksh", header: "#!/usr/bin/env tokensh\n")
        recorder.append("whoami")
        recorder.append("token list")
        #expect(recorder.text == "#!/usr/bin/env tokensh\nwhoami\ntoken list\n")
        #expect(recorder.commandCount == 2)
    }
}
