import Testing

@testable import TokenShellCore

@Suite struct StepReplayTests {
    static let script = """
        #!/usr/bin/env tokensh
        # tokensh script v1
        # recorded 2026-11-28T10:00:00Z against https://registry.example.test/
        # needs: TEAM
        # Pin the team for the lines below.
        set A=1
        # Check who we are.
        # Twice noted.
        set B=${TEAM}
        set C=3

        """

    func stepShell(answers: [String], team: String? = "acme") -> ScriptTestShell {
        var environment = ["TOKENSH_TOKEN": "npm_stand1nF0rTestsOnlyAAAAAAAAAAAAAAAAAA"]
        if let team { environment["TEAM"] = team }
        let test = ScriptTestShell(environment: environment)
        test.io.canAsk = true
        test.io.canPromptSecrets = true
        test.io.answers = answers
        test.script("s.tksh", Self.script)
        return test
    }

    @Test func eachStepShowsItsNotesWhatItDoesAndItsNpmEquivalent() {
        let test = stepShell(answers: ["y", "y", "y"])
        #expect(test.shell.execute("replay s.tksh --step") == .success)
        let out = test.io.outputText
        #expect(out.contains("Step 1 of 3 · s.tksh:6\n  # Pin the team for the lines below.\n  set A=1\n"))
        #expect(out.contains("Step 2 of 3 · s.tksh:9\n  # Check who we are.\n  # Twice noted.\n  set B=${TEAM}\n"))
        #expect(out.contains("  what it does: show the shell's variables, or set one for ${NAME}\n"))
        #expect(out.contains("  npm: (no npm equivalent)\n"))
        #expect(!out.contains("needs: TEAM"), "header lines are not notes")
        #expect(test.shell.session.variables.lookup("B") == "acme")
        #expect(test.io.diagnosticText.contains("Done: all 3 steps of s.tksh."))
        #expect(test.services.progress.text == "", "a finished replay leaves no resume point")
    }

    @Test func skipLeavesOneOutAndStopLeavesAResumePointThatTheNextReplayOffers() {
        let first = stepShell(answers: ["skip", "stop"])
        #expect(first.shell.execute("replay s.tksh --step") == .success)
        #expect(first.shell.session.variables.lookup("A") == nil, "skipped")
        #expect(first.shell.session.variables.lookup("B") == nil, "stopped before it")
        #expect(first.io.diagnosticText.contains("Stopped before line 9. `replay s.tksh --step`"))
        let progress = first.services.progress.text
        #expect(progress?.hasPrefix("6\t") == true)

        // The same store, a new shell: the offer, then only the steps after line 6.
        let second = stepShell(answers: ["y", "n", "y"])
        try? second.services.progress.writeProgress(progress ?? "")
        #expect(second.shell.execute("replay s.tksh --step") == .success)
        #expect(second.io.outputText.contains("Step 1 of 3") == false, "step 1 was done last time")
        #expect(second.io.outputText.contains("Step 2 of 3 · s.tksh:9"))
        #expect(second.shell.session.variables.lookup("B") == nil, "answered n")
        #expect(second.shell.session.variables.lookup("C") == "3")
    }

    @Test func aResumePointOfAChangedScriptIsNotOffered() {
        let test = stepShell(answers: ["y", "y", "y"])
        try? test.services.progress.writeProgress("6\t1-deadbeef\t/work/s.tksh\n")
        #expect(test.shell.execute("replay s.tksh --step") == .success)
        #expect(test.io.outputText.contains("Step 1 of 3"))
    }

    @Test func stepNeedsSomeoneToAnswer() {
        let test = stepShell(answers: [])
        test.io.canAsk = false
        #expect(test.shell.execute("replay s.tksh --step") == .usage)
        #expect(test.io.diagnosticText.contains("--step asks before each command"))
    }

    @Test func missingNeedsAreAskedAtATerminal() {
        let test = stepShell(answers: ["platform"], team: nil)
        #expect(test.shell.execute("replay s.tksh") == .success)
        #expect(test.shell.session.variables.lookup("B") == "platform")
    }

    @Test func missingNeedsWithoutATerminalStopBeforeTheFirstCommandNamingAll() {
        let test = ScriptTestShell(environment: [:])
        test.script("n.tksh", "# needs: TEAM, ${REGISTRY_URL} NPM_TOKEN\nset A=1\n")
        #expect(test.shell.execute("replay n.tksh") == .usage)
        #expect(test.io.diagnosticText.contains("n.tksh needs TEAM, REGISTRY_URL, NPM_TOKEN, which are not set"))
        #expect(test.shell.session.variables.lookup("A") == nil, "nothing ran")
    }

    @Test func aSecretLookingNeedIsAskedWithEchoOffAndKeptOutOfHistory() {
        let test = ScriptTestShell(environment: [:])
        test.io.canPromptSecrets = true
        test.io.secrets = [Secret("s3cret-value-here")]
        test.script("n.tksh", "# needs: NPM_TOKEN\nset A=${NPM_TOKEN}\n")
        #expect(test.shell.execute("replay n.tksh") == .success)
        #expect(!test.shell.allowsInHistory("echo s3cret-value-here"))
    }

    @Test func aNeedsLineWithSomethingElseIsRefused() {
        let test = ScriptTestShell(environment: [:])
        test.script("n.tksh", "# needs: TEAM, two words-here\nset A=1\n")
        #expect(test.shell.execute("replay n.tksh") == .usage)
        #expect(test.io.diagnosticText.contains("`words-here`, which is not a variable name"))
    }

    @Test(arguments: [("", ScriptStep.Answer.run), ("Y", .run), ("n", .skip), ("skip", .skip), ("stop", .stop)])
    func answers(text: String, answer: ScriptStep.Answer) {
        #expect(ScriptStep.Answer(text) == answer)
    }

    @Test func anUnknownAnswerIsAskedAgain() {
        #expect(ScriptStep.Answer("maybe") == nil)
        let test = stepShell(answers: ["maybe", "stop"])
        #expect(test.shell.execute("replay s.tksh --step") == .success)
        #expect(test.io.diagnosticText.contains("Answer y to run it"))
    }

    @Test func resumePointsSurviveDamagedLines() {
        var points = ReplayResumePoints(text: "garbage\n7\t10-ff\t/a b/c.tksh\nx\ty\n")
        #expect(points.line(for: "/a b/c.tksh", digest: "10-ff") == 7)
        #expect(points.line(for: "/a b/c.tksh", digest: "11-ff") == nil)
        points.set(line: 2, for: "/z.tksh", digest: "1-1")
        #expect(ReplayResumePoints(text: points.text) == points)
    }
}
