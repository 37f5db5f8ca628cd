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

/// What an attack on the first version found; each test names the finding it guards.
@Suite struct StepReplayReviewTests {
    func shell(_ script: String, answers: [String], environment: [String: String] = [:]) -> ScriptTestShell {
        let test = ScriptTestShell(environment: environment)
        test.io.canAsk = true
        test.io.canPromptSecrets = true
        test.io.answers = answers
        test.script("s.tksh", script)
        return test
    }

    @Test func aFailedStepUnderKeepGoingStaysToBeDoneOnResume() {
        let test = shell("set A=1\nwhoamj\nset C=3\n", answers: ["y", "y", "y"])
        #expect(test.shell.execute("replay s.tksh --step --keep-going") != .success)
        #expect(test.services.progress.text?.hasPrefix("1\t") == true, "the point stays before the failed line")
        #expect(!test.io.diagnosticText.contains("Done:"))
    }

    @Test func exitEndsTheWalkThroughAndSaysSo() {
        let test = shell("set A=1\nexit\nset C=3\nset D=4\n", answers: ["y", "y"])
        #expect(test.shell.execute("replay s.tksh --step") == .success)
        #expect(test.io.diagnosticText.contains("Done: the script ends with `exit` at line 2."))
        #expect(!test.io.diagnosticText.contains("all 2 steps"))
    }

    @Test func replayingASetWhileCarryingOnDoesNotMoveTheResumePointBack() {
        let script = "set A=1\nhelp set\nset C=3\nset D=4\n"
        let test = shell(script, answers: ["y", "stop"])
        let digest = ReplayResumePoints.digest(of: Array(script.utf8))
        try? test.services.progress.writeProgress("2\t\(digest)\t/work/s.tksh\n")
        #expect(test.shell.execute("replay s.tksh --step") == .success)
        #expect(test.shell.session.variables.lookup("A") == "1", "the earlier set ran again")
        #expect(test.services.progress.text?.hasPrefix("2\t") == true)
    }

    @Test func decliningToCarryOnForgetsTheOldResumePoint() {
        let test = shell("set A=1\nset B=2\n", answers: ["n", "stop"])
        let digest = ReplayResumePoints.digest(of: Array("set A=1\nset B=2\n".utf8))
        try? test.services.progress.writeProgress("1\t\(digest)\t/work/s.tksh\n")
        #expect(test.shell.execute("replay s.tksh --step") == .success)
        #expect(test.services.progress.text == "")
    }

    @Test func aSecretNeedFromTheEnvironmentIsHiddenOnTheNpmLine() {
        let test = shell(
            "# needs: DEPLOY_SECRET\ntoken create --name ${DEPLOY_SECRET} --expires 30\n", answers: ["n"],
            environment: ["DEPLOY_SECRET": "envDeploySec888"])
        #expect(test.shell.execute("replay s.tksh --step") == .success)
        #expect(!test.io.outputText.contains("envDeploySec888"))
        #expect(test.io.outputText.contains("npm: npm token create --name ***"))
    }

    @Test func tokenshOwnVariablesAreNotAskedButLeftToTheCommandsPrompts() {
        let test = shell("# needs: TOKENSH_TOKEN, TEAM\nset A=${TEAM}\n", answers: ["acme"])
        #expect(test.shell.execute("replay s.tksh") == .success)
        #expect(test.io.diagnosticText.contains("TOKENSH_TOKEN is not set: the commands that need it will ask"))
        #expect(test.shell.session.variables.lookup("TOKENSH_TOKEN") == nil)
        #expect(test.shell.session.variables.lookup("A") == "acme")
    }

    @Test func aDashNameIsQuotedSoThePastedLineWorks() {
        let test = ScriptTestShell()
        test.io.canAsk = true
        test.io.answers = ["stop"]
        test.script("-s.tksh", "set A=1\n")
        #expect(test.shell.execute("replay --step -- -s.tksh") == .success)
        #expect(test.io.diagnosticText.contains("`replay ./-s.tksh --step`"))
    }
}

@Suite struct NoteReviewTests {
    @Test(arguments: [
        "needs: the org's token from Bob", "recorded by bob against http://127.0.0.1:9/", "tokensh script v99 x",
    ])
    func aHeaderShapedNoteIsNotReadAsTheHeader(note: String) throws {
        let test = ScriptTestShell()
        #expect(test.shell.execute("record start s.tksh") == .success)
        #expect(test.shell.execute("note \(note)") == .success)
        #expect(test.shell.execute("set A=1") == .success)
        #expect(test.shell.execute("record stop") == .success)
        #expect(test.services.text("s.tksh")?.contains("# note: \(note)\nset A=1\n") == true)
        #expect(test.shell.execute("replay s.tksh") == .success)
        #expect(!test.io.diagnosticText.contains("using http://127.0.0.1:9/"))
    }

    @Test(arguments: ["note red \u{1B}[31mtext", "note bell \u{07}"])
    func aNoteWithControlCharactersIsRefused(line: String) {
        let test = ScriptTestShell()
        _ = test.shell.execute("record start s.tksh")
        let before = test.services.text("s.tksh")
        #expect(test.shell.execute(line) == .usage)
        #expect(test.io.diagnosticText.contains("control characters"))
        #expect(test.services.text("s.tksh") == before)
    }
}
