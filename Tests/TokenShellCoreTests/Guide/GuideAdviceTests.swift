import Testing

@testable import TokenShellCore

@Suite("Guide advice and answers")
struct GuideAdviceTests {
    @Test func theTokenFileGoesUnderTheXDGConfigFolder() {
        #expect(GuideAdvice.tokenFile(name: "ci", environment: [:]) == "~/.config/tokensh/ci.token")
        #expect(
            GuideAdvice.tokenFile(name: "ci", environment: ["XDG_CONFIG_HOME": "/srv/conf/"])
                == "/srv/conf/tokensh/ci.token")
        // A relative XDG value is ignored, as the XDG rules say.
        #expect(
            GuideAdvice.tokenFile(name: "ci", environment: ["XDG_CONFIG_HOME": "conf"]) == "~/.config/tokensh/ci.token")
    }

    @Test(arguments: [
        ("http://127.0.0.1:4873/", true), ("http://localhost:8080/", true),
        ("https://registry.npmjs.org/", false), ("not a url", false),
    ])
    func loopbackRegistriesAreRecognised(registry: String, expected: Bool) {
        #expect(GuideAdvice.isLoopback(registry) == expected)
    }

    @Test func storageExplainsThePlaceholderLineAndTheCIStep() {
        let text = GuideAdvice.storage(registry: "http://127.0.0.1:4873/sub/", savedFile: "~/.config/tokensh/a.token")
        #expect(text.contains("//127.0.0.1:4873/sub/:_authToken=${NPM_TOKEN}"))
        #expect(text.contains("NPM_TOKEN: ${{ secrets.NPM_TOKEN }}"))
        #expect(text.contains("registry-url: http://127.0.0.1:4873/sub/"))
        #expect(text.contains("~/.config/tokensh/a.token (mode 0600"))
        #expect(
            text.contains(
                #"Try it here: NPM_TOKEN="$(cat ~/.config/tokensh/a.token)" npm whoami --registry "#
                    + #"http://127.0.0.1:4873/sub/ '--//127.0.0.1:4873/sub/:_authToken=${NPM_TOKEN}'"#))
        let spaced = GuideAdvice.storage(registry: "http://127.0.0.1:4873/", savedFile: "/srv/my conf/a.token")
        #expect(spaced.contains(#"NPM_TOKEN="$(cat '/srv/my conf/a.token')""#))
        #expect(!GuideAdvice.storage(registry: "https://registry.npmjs.org/", savedFile: nil).contains("cat "))
    }

    @Test func tipsFitWhatWasDone() {
        var saved = GuideProgress()
        saved.tokenSave = "file:~/.config/tokensh/a.token"
        saved.loginType = "legacy"
        saved.finish(.login, .done)
        saved.finish(.createToken, .done)
        #expect(GuideAdvice.tipTopics(for: saved) == [.storage, .ci, .expiry])

        var skipped = GuideProgress()
        skipped.loginType = "legacy"
        skipped.finish(.login, .done)
        skipped.finish(.createToken, .skipped)
        #expect(GuideAdvice.tipTopics(for: skipped) == [.leastPrivilege, .twoFactor, .storage])
        #expect(GuideAdvice.tipTopics(for: GuideProgress()).count == 3)
    }

    @Test(arguments: [
        ("", GuideConsent.run), ("Y", .run), ("yes", .run), ("n", .skip), ("skip", .skip), ("stop", .stop),
    ])
    func consentAnswers(answer: String, expected: GuideConsent) {
        #expect(GuideConsent(answer: answer) == expected)
    }

    @Test func anUnknownAnswerIsAskedAgain() {
        #expect(GuideConsent(answer: "maybe") == nil)
        #expect(GuideRecovery(answer: "later") == nil)
        #expect(GuideRecovery(answer: "") == .retry)
        #expect(GuideRecovery(answer: "skip") == .skip)
    }
}
