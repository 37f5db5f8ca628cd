import Testing

@testable import TokenShellCore

@Suite struct ReplayShellTests {
    static let header = """
        #!/usr/bin/env tokensh
        # tokensh script v1
        # recorded 2026-11-28T10:00:00Z against https://recorded.example.test/

        """

    @Test func stopsAtTheFirstFailingLineWithItsLocationAndStatus() {
        let test = ScriptTestShell()
        test.script("s.tksh", "set A=1\n# a comment\n\nwhoamj\nset B=2\n")
        #expect(test.shell.execute("replay s.tksh") == .usage)
        #expect(test.io.diagnosticText.contains("s.tksh:4: error: unknown command"))
        #expect(test.shell.session.variables.lookup("A") == "1")
        #expect(test.shell.session.variables.lookup("B") == nil, "the line after the failure did not run")
    }

    @Test func keepGoingRunsTheRestAndStillFails() {
        let test = ScriptTestShell()
        test.script("s.tksh", "set A=1\nwhoamj\nset B=2\nnope\n")
        #expect(test.shell.execute("replay s.tksh --keep-going") == .usage)
        #expect(test.shell.session.variables.lookup("B") == "2")
        #expect(test.io.diagnosticText.contains("2 commands failed: s.tksh:2, s.tksh:4"))
    }

    @Test func echoPrintsEachCommandBeforeItRuns() {
        let test = ScriptTestShell()
        test.script("s.tksh", "# comment\nset A=1\n")
        #expect(test.shell.execute("source s.tksh --echo") == .success)
        #expect(test.io.diagnosticText == "+ set A=1\n")
    }

    @Test func dryRunShowsLinesAndNpmEquivalentsWithoutARequest() {
        let test = ScriptTestShell()
        test.script(
            "s.tksh",
            Self.header + """
                set NAME=ci-read
                whoami
                token create --name ${NAME} --packages-and-scopes-permission read-only --packages-all --expires 30
                token list

                """)
        #expect(test.shell.execute("replay s.tksh --dry-run") == .success)
        let out = test.io.outputText
        #expect(out.contains("s.tksh:5: whoami\n    npm: npm whoami\n"))
        #expect(
            out.contains(
                "s.tksh:6: token create --name ${NAME} --packages-and-scopes-permission read-only --packages-all --expires 30\n    npm: npm token create --name ci-read"
            ))
        #expect(out.contains("s.tksh:7: token list\n    npm: npm token list\n"))
        #expect(test.services.stub.requests.isEmpty)
        #expect(test.services.transportsRequested.isEmpty)
        #expect(test.shell.session.variables.lookup("NAME") == nil, "a dry run leaves the shell's variables alone")
    }

    @Test func dryRunReportsEveryBadLine() {
        let test = ScriptTestShell()
        test.script("s.tksh", "whoamj\nwhoami\nlogin --password x\n")
        #expect(test.shell.execute("replay --dry-run s.tksh") == .usage)
        #expect(test.io.diagnosticText.contains("s.tksh:1: error:"))
        #expect(test.io.diagnosticText.contains("s.tksh:3: error: --password is refused"))
        #expect(test.io.outputText.contains("s.tksh:2: whoami"))
    }

    @Test func theRecordedRegistryIsUsedAndRestoredAfterwards() {
        let test = ScriptTestShell(replies: [.whoami("alice")])
        test.script("s.tksh", Self.header + "whoami\n")
        #expect(test.shell.execute("replay s.tksh") == .success)
        #expect(test.services.stub.requests.first?.url == "https://recorded.example.test/-/whoami")
        #expect(test.io.diagnosticText.contains("note: using https://recorded.example.test/"))
        #expect(test.shell.session.registryOverride == nil)
    }

    @Test func registryOverridesTheRecordedOne() {
        let test = ScriptTestShell(replies: [.whoami("alice")])
        test.script("s.tksh", Self.header + "whoami\n")
        #expect(test.shell.execute("replay s.tksh --registry http://127.0.0.1:9/") == .success)
        #expect(test.services.stub.requests.first?.url == "http://127.0.0.1:9/-/whoami")
    }

    @Test func aV2ScriptIsRefusedBeforeAnythingRuns() {
        let test = ScriptTestShell()
        test.script("new.tksh", "#!/usr/bin/env tokensh\n# tokensh script v2\nset A=1\n")
        #expect(test.shell.execute("replay new.tksh") == .usage)
        #expect(test.io.diagnosticText.contains("new.tksh is a tokensh script v2; this tokensh (reads v1)"))
        #expect(test.shell.session.variables.lookup("A") == nil)
    }

    @Test func aBinaryFileIsRefusedCleanly() {
        let test = ScriptTestShell()
        test.services["blob"] = InMemoryServices.File(
            bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0xFF], mode: 0o755)
        #expect(test.shell.execute("replay blob") == .usage)
        #expect(test.io.diagnosticText.contains("blob is not a tokensh script"))
    }

    @Test func aScriptThatReplaysItselfStops() {
        let test = ScriptTestShell()
        test.script("loop.tksh", "replay loop.tksh\n")
        #expect(test.shell.execute("replay loop.tksh") == .usage)
        #expect(test.io.diagnosticText.contains("replays nest more than 8 deep"))
        #expect(test.shell.scripts.replayDepth == 0)
    }

    @Test func exitEndsTheScriptButNotTheShell() {
        let test = ScriptTestShell()
        test.script("s.tksh", "set A=1\nexit\nset B=2\n")
        #expect(test.shell.execute("replay s.tksh") == .success)
        #expect(test.shell.session.variables.lookup("B") == nil)
        #expect(test.shell.session.shouldExit == false)
    }

    @Test func aMissingPasswordStopsAtOnceNamingTheVariable() {
        let test = ScriptTestShell(environment: [:])
        test.script("s.tksh", "login --auth-type legacy --username alice\nset A=1\n")
        #expect(test.shell.execute("replay s.tksh") == .usage)
        #expect(test.io.diagnosticText.contains("s.tksh:1: error:"))
        #expect(test.io.diagnosticText.contains("TOKENSH_PASSWORD"))
        #expect(test.services.stub.requests.isEmpty)
    }
}
