import Testing
import TokenShellCore

@Suite struct ShellVariablesTests {
    @Test func shellVariablesWinOverTheEnvironment() throws {
        var variables = ShellVariables(environment: ["SCOPE": "@env", "HOME": "/home/a"])
        try variables.assign("SCOPE=@acme")
        #expect(variables.lookup("SCOPE") == "@acme")
        #expect(variables.lookup("HOME") == "/home/a")
        #expect(variables.lookup("NOPE") == nil)
    }

    @Test func assignKeepsEverythingAfterTheFirstEquals() throws {
        var variables = ShellVariables()
        try variables.assign("Q=a=b c")
        try variables.assign("EMPTY=")
        #expect(variables.lookup("Q") == "a=b c")
        #expect(variables.lookup("EMPTY") == "")
        #expect(variables.listing == ["EMPTY=''", "Q='a=b c'"])
        #expect(throws: ShellError.self) { try variables.assign("1A=x") }
        #expect(throws: ShellError.self) { try variables.assign("novalue") }
    }

    @Test func setThenExpandThroughTheParser() throws {
        var variables = ShellVariables()
        let parser = CommandParser()
        let set = try #require(try parser.parse("set NAME='ci read'", variables: variables.lookup))
        try variables.assign(try #require(set.positionals.first))
        let create = try #require(try parser.parse("token create --name ${NAME}", variables: variables.lookup))
        #expect(create.string("name") == "ci read")
        #expect(CanonicalLine.render(create) == "token create --name ${NAME}")
    }
}
