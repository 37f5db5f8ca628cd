import Testing

@testable import TokenShellCore

@Suite struct NoteTests {
    @Test func aNoteIsWrittenAsTypedBeforeTheNextRecordedCommand() throws {
        let test = ScriptTestShell()
        #expect(test.shell.execute("record start setup.tksh") == .success)
        let header = try #require(test.services.text("setup.tksh"))
        #expect(test.shell.execute("note Pin the team's scope: \"${SCOPE}\" stays as typed") == .success)
        #expect(test.services.text("setup.tksh") == header + "# Pin the team's scope: \"${SCOPE}\" stays as typed\n")
        #expect(test.shell.execute("set SCOPE=@acme") == .success)
        #expect(test.shell.execute("record stop") == .success)
        #expect(
            test.services.text("setup.tksh")
                == header + "# Pin the team's scope: \"${SCOPE}\" stays as typed\nset SCOPE=@acme\n")
        #expect(test.io.diagnosticText.contains("Recorded 1 command to setup.tksh."), "a note is not a command")
    }

    @Test func aRecordedNoteIsShownByAStepReplay() throws {
        let test = ScriptTestShell()
        #expect(test.shell.execute("record start setup.tksh") == .success)
        #expect(test.shell.execute("note Name the scope once") == .success)
        #expect(test.shell.execute("set SCOPE=@acme") == .success)
        #expect(test.shell.execute("record stop") == .success)
        test.io.canAsk = true
        test.io.answers = ["y"]
        #expect(test.shell.execute("replay setup.tksh --step") == .success)
        #expect(test.io.outputText.contains("  # Name the scope once\n  set SCOPE=@acme\n"))
    }

    @Test func aNoteWithoutARecordingSaysHowToStartOne() {
        let test = ScriptTestShell()
        #expect(test.shell.execute("note something") == .usage)
        #expect(test.io.diagnosticText.contains("not recording"))
        #expect(test.io.diagnosticText.contains("record start FILE"))
    }

    @Test func anEmptyNoteIsAUsageError() {
        let test = ScriptTestShell()
        _ = test.shell.execute("record start setup.tksh")
        #expect(test.shell.execute("note   ") == .usage)
        #expect(test.io.diagnosticText.contains("`note` needs the text"))
    }

    @Test(arguments: [
        "note the token is npm_stand1nF0rTestsOnlyAAAAAAAAAAAAAAAAAA",
        "note it lives at https://bob:pa55word@registry.example.test/",
        "note 0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c is the old one",
    ])
    func aNoteHoldingASecretIsRefused(line: String) throws {
        let test = ScriptTestShell()
        _ = test.shell.execute("record start setup.tksh")
        let before = test.services.text("setup.tksh")
        #expect(test.shell.execute(line) == .usage)
        #expect(test.io.diagnosticText.contains("holds a token or another secret"))
        #expect(test.services.text("setup.tksh") == before)
    }

    @Test func noteHelpStillShowsHelp() {
        let test = ScriptTestShell()
        #expect(test.shell.execute("note --help") == .success)
        #expect(test.io.outputText.contains("note TEXT..."))
    }
}

@Suite struct NoteDryRunTests {
    @Test func aDryRunShowsEachCommandsNotesUnderIt() {
        let test = ScriptTestShell()
        test.script("s.tksh", "# needs: NOBODY_SET_THIS\n# Who are we?\nwhoami\nset A=1\n")
        #expect(test.shell.execute("replay s.tksh --dry-run") == .success)
        #expect(test.io.outputText.contains("s.tksh:3: whoami\n    # Who are we?\n    npm: npm whoami\n"))
        #expect(test.io.outputText.contains("s.tksh:4: set A=1\n    npm: (no npm equivalent)\n"))
        #expect(test.io.diagnosticText.contains("s.tksh needs NOBODY_SET_THIS, not set here"))
    }
}
