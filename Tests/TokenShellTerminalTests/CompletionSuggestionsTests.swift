import Testing
import TokenShellTerminal

@Suite("CompletionSuggestions and Prompter")
struct CompletionSuggestionsTests {
    @Test(
        "the common prefix is whole characters shared by all candidates",
        arguments: [
            (["token create", "token list"], "token "),
            (["read-only", "read-write"], "read-"),
            (["héllo", "hé"], "hé"),
            (["alpha", "beta"], ""),
            (["only"], "only"),
            ([], ""),
        ] as [([String], String)]
    )
    func commonPrefix(candidates: [String], expected: String) {
        #expect(CompletionSuggestions(word: "", candidates: candidates).commonPrefix == expected)
    }

    @Test("choices complete case-insensitively and never append a space")
    func choices() {
        let suggestions = Prompter.complete("Read-", among: ["read-only", "read-write", "no-access"])
        #expect(suggestions.candidates == ["read-only", "read-write"])
        #expect(suggestions.word == "Read-")
        #expect(!suggestions.appendSpace)
    }

    @Test("the prompt shows the default in brackets")
    func promptText() {
        #expect(Prompter.prompt(question: "Name", default: "ci") == "Name [ci]: ")
        #expect(Prompter.prompt(question: "Name", default: nil) == "Name: ")
    }

    @Test("an empty answer takes the default; interrupts and EOF pass through")
    func answers() {
        let reader = ScriptedLineReader([.line("  "), .line(" custom "), .interrupted, .endOfFile])
        let prompter = Prompter(reader: reader)
        #expect(prompter.ask(question: "Name", default: "ci") == .answer("ci"))
        #expect(prompter.ask(question: "Name", default: "ci") == .answer("custom"))
        #expect(prompter.ask(question: "Name", default: "ci") == .interrupted)
        #expect(prompter.ask(question: "Name", default: "ci") == .endOfFile)
        #expect(reader.prompts == ["Name [ci]: ", "Name [ci]: ", "Name [ci]: ", "Name [ci]: "])
    }

    @Test("the interrupt flag is consumed once")
    func interruptFlag() {
        let flag = InterruptFlag()
        #expect(!flag.isSet)
        flag.set()
        #expect(flag.isSet)
        #expect(flag.consume())
        #expect(!flag.consume())
    }
}

/// Returns canned results and remembers the prompts it was shown.
final class ScriptedLineReader: LineReader {
    private var results: [LineEditorResult]
    private(set) var prompts: [String] = []

    init(_ results: [LineEditorResult]) {
        self.results = results
    }

    func readLine(prompt: String) -> LineEditorResult {
        prompts.append(prompt)
        return results.isEmpty ? .endOfFile : results.removeFirst()
    }
}
