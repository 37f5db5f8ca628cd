import Testing
import TokenShellCore

struct StubCompletionContext: CompletionContext {
    var tokenIDs = ["2feae2", "73e881", "2fbb10"]
    var tokenNames = ["ci-read", "ci read 2", "publish"]
    var knownRegistries = ["https://registry.npmjs.org/", "http://127.0.0.1:4873/"]
    var tipTopics = ["leaked", "least-privilege"]
    var configKeys = ["registry", "userconfig"]
    var variableNames = ["SCOPE", "SECRET_FILE"]
    var files = ["setup.tksh", "setup-ci.tksh", "scripts/", "my notes.txt"]

    func paths(matching prefix: String) -> [String] {
        files.filter { $0.hasPrefix(prefix) }
    }
}

@Suite struct CompleterTests {
    let completer = Completer()
    let context = StubCompletionContext()

    func complete(_ text: String) -> Completion {
        completer.complete(textBeforeCursor: text, context: context)
    }

    @Test func commandNames() {
        #expect(complete("who") == Completion(word: "who", candidates: ["whoami"], appendSpace: true))
        #expect(complete("to").candidates == ["token", "tips"].filter { $0.hasPrefix("to") })
        #expect(complete("").candidates.contains("token"))
        #expect(complete("").candidates.contains("?") == false)
        #expect(complete("q").candidates == ["quit"])
        #expect(complete("xyz").candidates.isEmpty)
    }

    @Test func subcommands() {
        #expect(complete("config g") == Completion(word: "g", candidates: ["get"], appendSpace: true))
        #expect(complete("token r").candidates == ["revoke", "rotate"])
        #expect(complete("token ").candidates == ["list", "show", "create", "revoke", "rotate", "prune"])
        #expect(complete("record s").candidates == ["start", "stop", "status"])
    }

    @Test func enumValuesAfterAFlag() {
        let result = complete("token create --packages-and-scopes-permission r")
        #expect(result.word == "r")
        #expect(result.candidates == ["read-only", "read-write", "read-write-stage-only"])
        #expect(result.appendSpace == false)
        #expect(complete("login --auth-type ").candidates == ["web", "legacy"])
        #expect(complete("token list --sort e").candidates == ["expires"])
        #expect(complete("token create --orgs-permission n").candidates == ["no-access"])
    }

    @Test func enumValuesInTheEqualsForm() {
        let result = complete("token create --orgs-permission=read-")
        #expect(result.word == "--orgs-permission=read-")
        #expect(result.candidates == ["--orgs-permission=read-only", "--orgs-permission=read-write"])
    }

    @Test func flagsNotYetGiven() {
        let result = complete("token list --json --")
        #expect(result.candidates == ["--sort", "--filter", "--expiring"])
        #expect(complete("token create --cidr 10.0.0.0/8 --ci").candidates == ["--cidr"])
        #expect(complete("token create --name x --na").candidates.isEmpty)
        #expect(complete("whoami --j") == Completion(word: "--j", candidates: ["--json"], appendSpace: true))
    }

    @Test func saveTargetsAndFilePaths() {
        #expect(
            complete("token create --save ").candidates == ["none", "user", "project", "keyring", "keyring:", "file:"])
        #expect(
            complete("token create --save k")
                == Completion(word: "k", candidates: ["keyring", "keyring:"], appendSpace: false))
        #expect(complete("token create --save f") == Completion(word: "f", candidates: ["file:"], appendSpace: false))
        #expect(complete("token create --save file:setup-").candidates == ["file:setup-ci.tksh"])
        #expect(complete("token create --save=file:s").candidates.contains("--save=file:scripts/"))
    }

    @Test func pathsForRecordReplayAndAudit() {
        #expect(complete("record start set").candidates == ["setup.tksh", "setup-ci.tksh"])
        #expect(complete("replay scr") == Completion(word: "scr", candidates: ["scripts/"], appendSpace: false))
        #expect(complete("source my").candidates == ["'my notes.txt'"])
        #expect(complete("audit 'my").candidates == ["'my notes.txt'"])
        #expect(complete("audit 'my").word == "'my")
    }

    @Test func tokenIdsAndNamesFromTheLastList() {
        #expect(complete("token revoke 2f").candidates == ["2feae2", "2fbb10"])
        #expect(complete("token revoke 2feae2 7").candidates == ["73e881"])
        #expect(complete("token show 7") == Completion(word: "7", candidates: ["73e881"], appendSpace: true))
        #expect(complete("token revoke --name ci").candidates == ["ci-read", "'ci read 2'"])
        #expect(complete("token create --name ci").candidates.isEmpty)
    }

    @Test func registriesTopicsKeysAndHelpTopics() {
        #expect(complete("registry https").candidates == ["https://registry.npmjs.org/"])
        #expect(complete("tips le").candidates == ["leaked", "least-privilege"])
        #expect(complete("config get r").candidates == ["registry"])
        #expect(complete("help tok").candidates == ["token"])
        #expect(complete("help token cr").candidates == ["create"])
    }

    @Test func variableReferences() {
        let result = complete("token create --scopes ${SC")
        #expect(result.word == "${SC")
        #expect(result.candidates == ["${SCOPE}"])
        #expect(complete("set S").candidates == ["SCOPE=", "SECRET_FILE="])
    }

    @Test func emptyWordAfterACommandOffersFlagsOrPositionals() {
        #expect(complete("whoami ").candidates == ["--json"])
        #expect(complete("token show ").candidates == ["2feae2", "73e881", "2fbb10"])
        #expect(complete("token create --name x ").candidates.contains("--name") == false)
        #expect(complete("unknown ").candidates.isEmpty)
    }
}
