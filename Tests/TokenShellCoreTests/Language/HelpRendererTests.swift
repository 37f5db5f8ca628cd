import Testing
import TokenShellCore

@Suite struct HelpRendererTests {
    let renderer = HelpRenderer()

    @Test func overviewGroupsCommandsByJob() throws {
        let text = try renderer.help(for: [], width: 80)
        for topic in CommandTopic.allCases { #expect(text.contains(topic.title + ":")) }
        for spec in CommandCatalog.standard.commands { #expect(text.contains(spec.summary.prefix(20))) }
        #expect(text.contains("guide"))
        #expect(text.contains("help COMMAND"))
        let tokens = try #require(text.firstRange(of: "Tokens:"))
        let create = try #require(text.firstRange(of: "token create"))
        #expect(tokens.lowerBound < create.lowerBound)
    }

    @Test(arguments: [40, 60, 80, 120])
    func linesFitTheWidth(width: Int) throws {
        for topic in [[], ["token"], ["token", "create"], ["login"], ["token", "revoke"]] as [[String]] {
            let text = try renderer.help(for: topic, width: width)
            for line in text.split(separator: "\n") {
                let longestWord = line.split(separator: " ").map(\.count).max() ?? 0
                #expect(line.count <= width || longestWord > width / 2, "\(line)")
            }
        }
    }

    @Test func commandHelpHasUsageFlagsExampleAndNpm() throws {
        let text = try renderer.help(for: ["token", "create"], width: 100)
        #expect(text.contains("Usage:"))
        #expect(text.contains("--packages-and-scopes-permission"))
        #expect(text.contains("days until the token expires"))
        #expect(text.contains("Examples:"))
        #expect(text.contains("npm equivalent:"))
        #expect(text.contains("npm token create"))
        #expect(text.contains("npm 11.7 or later"))
    }

    @Test func aliasesAndMissingNpmEquivalentAreShown() throws {
        let revoke = try renderer.help(for: ["token", "rm"], width: 80)
        #expect(revoke.hasPrefix("token revoke:"))
        #expect(revoke.contains("token rm, token remove, token delete"))
        #expect(try renderer.help(for: ["guide"], width: 80).contains("none: npm has no such command"))
        #expect(try renderer.help(for: ["token", "revoke"], width: 80).contains("-y, --yes"))
    }

    @Test func groupHelpListsSubcommands() throws {
        let text = try renderer.help(for: ["record"], width: 80)
        #expect(text.contains("record start FILE"))
        #expect(text.contains("record stop"))
        #expect(text.contains("record status"))
    }

    @Test func unknownTopicSuggests() {
        #expect(throws: ShellError.self) { try renderer.help(for: ["tokn"], width: 80) }
        do {
            _ = try renderer.help(for: ["token", "creat"], width: 80)
            Issue.record("expected an error")
        } catch {
            #expect(error.hint?.contains("`token create`") == true)
        }
    }

    @Test func wrapperKeepsLongWordsWhole() {
        let lines = TextWrapper.wrap("a https://registry.example.com/very/long/path b", width: 10)
        #expect(lines == ["a", "https://registry.example.com/very/long/path", "b"])
        #expect(TextWrapper.wrap("one two three", width: 9, indent: "  ") == ["  one two", "  three"])
    }
}

@Suite struct HelpUsageWrappingTests {
    @Test func usageItemsAreNeverSplit() throws {
        let text = try HelpRenderer().help(for: ["token", "create"], width: 70)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "Usage:"))
        let usage = lines[(start + 1)...].prefix { !$0.isEmpty }.joined(separator: "\n")
        for item in CommandSpec.tokenCreate.usageItems where item.count < 60 {
            #expect(usage.contains(item), "\(item)")
        }
    }
}
