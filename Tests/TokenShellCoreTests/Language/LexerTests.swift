import Testing
import TokenShellCore

@Suite struct LexerTests {
    let variables: [String: String] = ["SCOPE": "@acme", "EMPTY": "", "SPACED": "a b"]

    func values(_ line: String) throws -> [String] {
        try Lexer.words(in: line, variables: { variables[$0] }).map(\.value)
    }

    func error(_ line: String) -> ShellError? {
        do {
            _ = try Lexer.words(in: line, variables: { variables[$0] })
            return nil
        } catch {
            return error
        }
    }

    @Test func splitsOnWhitespace() throws {
        #expect(try values("  token   list\t--json ") == ["token", "list", "--json"])
        #expect(try values("") == [])
        #expect(try values("   ") == [])
    }

    @Test func singleQuotesAreLiteral() throws {
        #expect(try values("set A='x ${SCOPE} \\n \"q\"'") == ["set", "A=x ${SCOPE} \\n \"q\""])
        #expect(try values("''") == [""])
    }

    @Test func doubleQuotesEscapeOnlyQuoteBackslashDollar() throws {
        #expect(try values(#"say "a \"b\" \\ \$X \n""#) == ["say", #"a "b" \ $X \n"#])
    }

    @Test func backslashOutsideQuotesEscapesTheNextCharacter() throws {
        #expect(try values(##"a\ b c\#d \'x"##) == ["a b", "c#d", "'x"])
    }

    @Test func commentStartsOnlyAtAWordStart() throws {
        #expect(try values("token list # all of them") == ["token", "list"])
        #expect(try values("# only a comment") == [])
        #expect(try values("name a#b '#c' \"#d\"") == ["name", "a#b", "#c", "#d"])
    }

    @Test func expandsVariablesOutsideAndInsideDoubleQuotes() throws {
        #expect(try values("x ${SCOPE}/pkg \"${SPACED}!\" pre${EMPTY}post") == ["x", "@acme/pkg", "a b!", "prepost"])
    }

    @Test func expandedValueIsNotSplitAgain() throws {
        #expect(try values("x ${SPACED}") == ["x", "a b"])
    }

    @Test func aLoneDollarIsLiteral() throws {
        #expect(try values("x $HOME a$ $") == ["x", "$HOME", "a$", "$"])
    }

    @Test func undefinedVariableIsAnErrorWithAHint() throws {
        let failure = try #require(error("token create --name ${MISSING}"))
        #expect(failure.status == .usage)
        #expect(failure.message == "undefined variable MISSING")
        #expect(failure.hint?.contains("set MISSING=VALUE") == true)
    }

    @Test func unterminatedQuotesNameTheColumn() throws {
        let single = try #require(error("set A='oops"))
        #expect(single.message.contains("column 7"))
        #expect(single.status == .usage)
        let double = try #require(error("x \"oops"))
        #expect(double.message.contains("unterminated double quote at column 3"))
    }

    @Test func unclosedReferenceAndBadNamesAreErrors() throws {
        #expect(try #require(error("x ${SCOPE")).message.contains("without a closing"))
        #expect(try #require(error("x ${1A}")).message.contains("bad variable name"))
        #expect(try #require(error("x ${}")).message.contains("bad variable name"))
        #expect(try #require(error("x \\")).message.contains("backslash"))
    }

    @Test func wordsKeepRawTextRangeAndTemplate() throws {
        let words = try Lexer.words(in: "set  N=\"${SCOPE} x\"", variables: { variables[$0] })
        let word = try #require(words.last)
        #expect(word.value == "N=@acme x")
        #expect(word.raw == "N=\"${SCOPE} x\"")
        #expect(word.range == 5..<19)
        #expect(word.template == WordTemplate([.literal("N="), .variable("SCOPE"), .literal(" x")]))
        #expect(word.template.unexpandedText == "N=${SCOPE} x")
    }

    @Test func scanIsLenientForCompletion() {
        let open = Lexer.scan("token create --name 'half")
        #expect(open.openQuote == "'")
        #expect(open.endsInWord)
        #expect(open.words.map(\.value) == ["token", "create", "--name", "half"])
        #expect(open.error != nil)
        #expect(Lexer.scan("token ").endsInWord == false)
        #expect(Lexer.scan("token").endsInWord)
        #expect(Lexer.scan("x ${UNDEFINED}").error == nil)
    }
}
