import Testing

@testable import TokenShellCore

@Suite("Guide progress")
struct GuideProgressTests {
    @Test func stepsRunInOrderAndFinishAtTheEnd() {
        var progress = GuideProgress()
        #expect(progress.nextStep == .registry)
        #expect(!progress.hasStarted)
        progress.finish(.registry, .done)
        progress.finish(.ping, .skipped)
        #expect(progress.nextStep == .login)
        for step in GuideStep.allCases where progress.outcomes[step] == nil {
            progress.finish(step, .done)
        }
        #expect(progress.nextStep == nil)
        #expect(progress.finished)
    }

    @Test func onlyLinesOfStepsThatRanAreKept() {
        var progress = GuideProgress()
        progress.finish(.ping, .done, line: "ping")
        progress.finish(.login, .skipped, line: "login --auth-type web")
        progress.finish(.whoami, .done, line: nil)
        #expect(progress.lines == ["ping"])
    }

    @Test func roundTripsThroughItsFile() throws {
        var progress = GuideProgress()
        progress.registryChoice = .url
        progress.registry = "https://registry.example.com/"
        progress.tokenName = "ci-read"
        progress.tokenSave = "file:~/.config/tokensh/ci-read.token"
        progress.loginType = "legacy"
        progress.finish(.registry, .done, line: "registry https://registry.example.com/")
        progress.finish(.ping, .skipped)
        let restored = try #require(GuideProgress(serialized: progress.serialized()))
        #expect(restored == progress)
        #expect(restored.nextStep == .login)
    }

    @Test(arguments: ["", "not json", "{\"version\":99,\"outcomes\":{}}"])
    func aDamagedOrFutureFileStartsAfresh(text: String) {
        #expect(GuideProgress(serialized: text) == nil)
    }

    @Test func unknownStepsInTheFileAreIgnored() throws {
        let text = "{\"version\":1,\"outcomes\":{\"ping\":\"done\",\"teleport\":\"done\"},\"lines\":[\"ping\"]}"
        let progress = try #require(GuideProgress(serialized: text))
        #expect(progress.outcomes == [.ping: .done])
        #expect(progress.nextStep == .registry)
    }

    @Test func reopeningAStepMakesItNextAgain() {
        var progress = GuideProgress()
        for step in GuideStep.allCases { progress.finish(step, .done) }
        progress.reopen(.registry)
        #expect(progress.nextStep == .registry)
        #expect(!progress.finished)
    }

    @Test func theSavedFileIsKnownOnlyWhenTheTokenWasCreated() {
        var progress = GuideProgress()
        progress.tokenSave = "file:~/.config/tokensh/x.token"
        #expect(progress.savedTokenFile == nil)
        progress.finish(.createToken, .done)
        #expect(progress.savedTokenFile == "~/.config/tokensh/x.token")
    }
}
