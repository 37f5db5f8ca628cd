import Testing

@testable import TokenShellCore

@Suite("guide command")
struct GuideHandlerTests {
    private func shell(_ io: RecordingShellIO, _ storage: InMemoryGuideStorage) -> Shell {
        Shell(io: io, services: InMemoryServices(guide: storage), options: ShellOptionsValues())
    }

    @Test func refusesWithoutATerminal() {
        let io = RecordingShellIO()
        let storage = InMemoryGuideStorage()
        #expect(shell(io, storage).execute("guide") == .usage)
        #expect(io.diagnosticText.contains("guide is interactive"))
        #expect(storage.progress == nil)
    }

    @Test func everyStepCanBeSkippedAndShowsItsNpmCommand() throws {
        let io = RecordingShellIO()
        io.canAsk = true
        // registry: current, then skip `registry`; skip ping; web login (default), skip; skip whoami;
        // default name, no file, skip create; skip token list.
        io.answers = ["", "n", "n", "", "n", "n", "", "n", "n", "n"]
        let storage = InMemoryGuideStorage()
        #expect(shell(io, storage).execute("guide") == .success)
        for npm in [
            "npm config get registry", "npm ping", "npm login --auth-type web", "npm whoami",
            "npm token create --name", "npm token list",
        ] {
            #expect(io.diagnosticText.contains(npm), "missing \(npm)")
        }
        #expect(io.diagnosticText.contains("_authToken=${NPM_TOKEN}"))
        #expect(io.diagnosticText.contains("least-privilege:"))
        #expect(io.answers.isEmpty)
        let progress = try #require(GuideProgress(serialized: storage.progress ?? ""))
        #expect(progress.finished)
        #expect(progress.outcomes[.ping] == .skipped)
        #expect(progress.lines.isEmpty)
    }

    @Test func resumesWhereItStoppedAndRestartBeginsAgain() throws {
        var saved = GuideProgress()
        saved.finish(.registry, .done)
        saved.finish(.ping, .done, line: "ping")
        let storage = InMemoryGuideStorage(progress: saved.serialized())
        let io = RecordingShellIO()
        io.canAsk = true
        io.answers = ["", "stop"]
        #expect(shell(io, storage).execute("guide") == .interrupted)
        #expect(io.diagnosticText.contains("Resuming the guide at step 3 of 8: log in"))
        #expect(io.diagnosticText.contains("guide paused at step 3"))
        let after = try #require(GuideProgress(serialized: storage.progress ?? ""))
        #expect(after.nextStep == .login)
        #expect(after.lines == ["ping"])

        let again = RecordingShellIO()
        again.canAsk = true
        again.answers = ["", "stop"]
        #expect(shell(again, storage).execute("guide --restart") == .interrupted)
        #expect(again.diagnosticText.contains("Step 1 of 8: choose the registry"))
        let restarted = try #require(GuideProgress(serialized: storage.progress ?? ""))
        #expect(restarted.nextStep == .registry)
        #expect(restarted.lines.isEmpty)
    }
}
