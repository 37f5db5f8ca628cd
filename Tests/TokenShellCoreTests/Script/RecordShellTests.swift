import Testing

@testable import TokenShellCore

@Suite struct RecordShellTests {
    @Test func recordStartWritesTheHeaderAtOnceAndEachSuccessfulCommand() throws {
        let test = ScriptTestShell(replies: [.whoami("alice"), .status(500)])
        #expect(test.shell.execute("record start setup.tksh") == .success)
        let header = try #require(test.services.text("setup.tksh"))
        #expect(
            header == """
                #!/usr/bin/env tokensh
                # tokensh script v1
                # recorded 2026-11-28T10:00:00Z against https://registry.example.test/

                """)
        #expect(test.services["setup.tksh"]?.mode == 0o700)

        #expect(test.shell.execute("set  WHO=${USER_NAME}", location: nil) != .success, "undefined is an error")
        #expect(test.shell.execute("set WHO=alice") == .success)
        #expect(test.shell.execute("help whoami") == .success)
        #expect(test.shell.execute("whoami") == .success)
        #expect(test.shell.execute("whoami") != .success, "a failed command")
        #expect(test.shell.execute("record status") == .success)
        #expect(test.io.outputText.contains("Recording to setup.tksh: 2 commands so far."))
        #expect(test.shell.execute("record stop") == .success)
        #expect(test.io.diagnosticText.contains("Recorded 2 commands to setup.tksh."))
        #expect(test.shell.execute("whoami") != .success)

        let text = try #require(test.services.text("setup.tksh"))
        #expect(text == header + "set WHO=alice\nwhoami\n")
    }

    @Test func anExistingFileIsKeptWithoutForce() throws {
        let test = ScriptTestShell()
        test.script("setup.tksh", "whoami\n")
        #expect(test.shell.execute("record start setup.tksh") == .failure)
        #expect(test.io.diagnosticText.contains("setup.tksh already exists"))
        #expect(test.io.diagnosticText.contains("--force"))
        #expect(test.services.text("setup.tksh") == "whoami\n")
        #expect(test.shell.scripts.recorder == nil)

        #expect(test.shell.execute("record start setup.tksh --force") == .success)
        #expect(test.services.text("setup.tksh")?.hasPrefix("#!/usr/bin/env tokensh\n# tokensh script v1\n") == true)
    }

    @Test func startingTwiceAndStoppingWithoutARecordingAreUsageErrors() {
        let test = ScriptTestShell()
        #expect(test.shell.execute("record stop") == .usage)
        #expect(test.shell.execute("record start a.tksh") == .success)
        #expect(test.shell.execute("record start b.tksh") == .usage)
        #expect(test.io.diagnosticText.contains("already recording to a.tksh"))
        #expect(test.services["b.tksh"] == nil)
    }

    @Test func aLineHoldingASecretIsLeftOutWithANote() throws {
        let test = ScriptTestShell()
        #expect(test.shell.execute("record start s.tksh") == .success)
        let token = "npm_" + String(repeating: "Zx9", count: 12)
        #expect(test.shell.execute("set T=\(token)") == .success)
        #expect(test.io.diagnosticText.contains("not recorded in s.tksh"))
        #expect(try #require(test.services.text("s.tksh")).contains(token) == false)
        #expect(test.shell.scripts.recorder?.commandCount == 0)
    }

    @Test func recordStatusAsJSON() {
        let test = ScriptTestShell()
        #expect(test.shell.execute("record status --json") == .success)
        #expect(test.io.outputText == "{\"recording\":false,\"file\":null,\"commands\":0,\"cast\":null}\n")
    }

    @Test func commandsOfAReplayAreRecordedOneByOne() throws {
        let test = ScriptTestShell()
        test.script("inner.tksh", "set A=1\nset B=${A}\n")
        #expect(test.shell.execute("record start outer.tksh") == .success)
        #expect(test.shell.execute("replay inner.tksh") == .success)
        let text = try #require(test.services.text("outer.tksh"))
        #expect(text.hasSuffix("\nset A=1\nset B=${A}\n"))
        #expect(!text.contains("replay"))
    }
}

@Suite struct RecordEnvironmentSecretTests {
    @Test func theEnvironmentsSecretsAreNeverWrittenEvenBeforeUse() throws {
        let test = ScriptTestShell(environment: ["TOKENSH_PASSWORD": "pw-from-env-123", "TOKENSH_OTP": "654321"])
        #expect(test.shell.execute("record start s.tksh") == .success)
        #expect(test.shell.execute("set A=pw-from-env-123") == .success)
        #expect(test.shell.execute("set B=654321") == .success)
        #expect(test.shell.execute("set C=fine") == .success)
        let text = try #require(test.services.text("s.tksh"))
        #expect(!text.contains("pw-from-env-123") && !text.contains("654321"))
        #expect(text.hasSuffix("\nset C=fine\n"))
    }
}
