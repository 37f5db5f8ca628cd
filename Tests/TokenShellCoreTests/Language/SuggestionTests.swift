import Testing
import TokenShellCore

@Suite struct SuggestionTests {
    @Test func distanceCountsEditsAndTranspositions() {
        #expect(Suggestions.distance("token", "token") == 0)
        #expect(Suggestions.distance("tokn", "token") == 1)
        #expect(Suggestions.distance("tokne", "token") == 1)
        #expect(Suggestions.distance("", "abc") == 3)
        #expect(Suggestions.distance("kitten", "sitting") == 3)
    }

    @Test func prefixMatchesComeFirst() {
        #expect(Suggestions.closest(to: "who", among: ["logout", "whoami", "help"]) == ["whoami"])
        #expect(
            Suggestions.closest(to: "re", among: ["revoke", "rotate", "registry", "list"]) == ["revoke", "registry"])
    }

    @Test func farWordsAreNotSuggested() {
        #expect(Suggestions.closest(to: "xyzzy", among: ["token", "login"]).isEmpty)
        #expect(Suggestions.hint(for: "xyzzy", among: ["token"], prefix: "") == nil)
    }

    @Test func hintQuotesCandidates() {
        #expect(
            Suggestions.hint(for: "lst", among: ["list", "show"], prefix: "token ") == "did you mean `token list`?")
    }
}
