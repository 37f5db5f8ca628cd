import Testing
import TokenShellCore

@Suite struct ParserTests {
    let parser = CommandParser()
    let variables: [String: String] = ["SCOPE": "@acme", "DAYS": "14"]

    func parse(_ line: String) throws -> ParsedCommand {
        try #require(try parser.parse(line, variables: { variables[$0] }))
    }

    func failure(_ line: String) -> ShellError? {
        do {
            _ = try parser.parse(line, variables: { variables[$0] })
            return nil
        } catch {
            return error
        }
    }

    @Test func blankAndCommentLinesAreNothing() throws {
        #expect(try parser.parse("   # just a note", variables: { _ in nil }) == nil)
    }

    @Test func typedFlagValues() throws {
        let command = try parse(
            "token create --name ci --expires=30 --packages-all --cidr 10.0.0.0/8,192.0.2.0/24 --save file:out")
        #expect(command.spec.name == "token create")
        #expect(command.string("name") == "ci")
        #expect(command.integer("expires") == 30)
        #expect(command.has("packages-all"))
        #expect(command.has("bypass-2fa") == false)
        #expect(command.list("cidr") == ["10.0.0.0/8", "192.0.2.0/24"])
        #expect(command.string("save") == "file:out")
    }

    @Test func listFlagsFollowNpmsCommaRule() throws {
        #expect(try parse("token create --packages 'a, b,c'").list("packages") == ["a", "b", "c"])
        #expect(try parse("token create --scopes @a --scopes @b").list("scopes") == ["@a", "@b"])
        #expect(try parse("token create --orgs a,b --orgs c").list("orgs") == ["a,b", "c"])
    }

    @Test func aliasesReachTheirCommand() throws {
        #expect(try parse("? token").spec.name == "help")
        #expect(try parse("source setup.tksh").spec.name == "replay")
        #expect(try parse("quit").spec.name == "exit")
        for alias in ["rm", "remove", "delete", "revoke"] {
            #expect(try parse("token \(alias) abc123").spec.name == "token revoke")
        }
        #expect(try parse("token ls").spec.name == "token list")
    }

    @Test func shortFlags() throws {
        #expect(try parse("token revoke abc -y").has("yes"))
        #expect(try #require(failure("token revoke abc -q")).message.contains("unknown flag -q"))
    }

    @Test func variablesExpandInValues() throws {
        let command = try parse("token create --scopes ${SCOPE} --expires ${DAYS}")
        #expect(command.list("scopes") == ["@acme"])
        #expect(command.integer("expires") == 14)
    }

    @Test func unknownCommandSuggests() throws {
        let error = try #require(failure("tokn list"))
        #expect(error.status == .usage)
        #expect(error.code == "EUSAGE")
        #expect(error.message == "unknown command `tokn`")
        #expect(error.hint?.contains("did you mean `token`?") == true)
        #expect(try #require(failure("who")).hint?.contains("`whoami`") == true)
    }

    @Test func unknownSubcommandSuggests() throws {
        let error = try #require(failure("token lsit"))
        #expect(error.message == "unknown subcommand `token lsit`")
        #expect(error.hint?.contains("`token list`") == true)
    }

    @Test func groupWithoutSubcommandListsThem() throws {
        let error = try #require(failure("config"))
        #expect(error.message.contains("list, get, path"))
    }

    @Test func unknownFlagSuggests() throws {
        let error = try #require(failure("token create --nmae x"))
        #expect(error.message == "unknown flag --nmae for `token create`")
        #expect(error.hint?.contains("`--name`") == true)
        #expect(try #require(failure("whoami --verbose")).hint?.contains("help whoami") == true)
    }

    @Test func badEnumValueListsTheAllowedOnes() throws {
        let error = try #require(failure("token create --packages-and-scopes-permission read"))
        #expect(error.message.contains("does not accept `read`"))
        #expect(error.hint?.contains("no-access, read-only, read-write, read-write-stage-only") == true)
        #expect(error.hint?.contains("did you mean") == true)
    }

    @Test func missingValue() throws {
        let error = try #require(failure("token list --sort"))
        #expect(error.message == "--sort needs a value")
        #expect(error.hint?.contains("created, expires, name") == true)
        #expect(try #require(failure("token create --name --json")).message == "--name needs a value")
    }

    @Test func wrongIntegers() throws {
        #expect(try #require(failure("token create --expires soon")).message.contains("whole number of days"))
        let range = try #require(failure("token create --expires 0"))
        #expect(range.message.contains("from 1 to"))
        #expect(try #require(failure("history many")).message.contains("whole number"))
    }

    @Test func positionalArity() throws {
        #expect(try #require(failure("token show")).message == "`token show` needs ID")
        #expect(try #require(failure("whoami bob")).hint == "`whoami` takes no arguments")
        #expect(try #require(failure("config get a b")).message.contains("unexpected argument `b`"))
        #expect(try parse("token revoke a b c").positionals == ["a", "b", "c"])
    }

    @Test func revokeNeedsAnIdOrName() throws {
        #expect(try #require(failure("token revoke")).message.contains("needs ID or --name"))
        #expect(try #require(failure("token revoke abc --name ci")).message.contains("not both"))
        #expect(try parse("token revoke --name ci").string("name") == "ci")
    }

    @Test func exclusiveFlags() throws {
        #expect(try #require(failure("token create --classic --granular")).message.contains("cannot be used together"))
        #expect(try #require(failure("token create --packages-all --packages a")).status == .usage)
    }

    @Test func repeatedSingleFlagIsAnError() throws {
        #expect(try #require(failure("token create --name a --name b")).message.contains("more than once"))
    }

    @Test(arguments: ["--password", "--password=hunter2", "--otp", "--otp=123456"])
    func secretFlagsAreRefusedOnAnyCommand(flag: String) throws {
        for line in ["login \(flag)", "token create --name x \(flag)", "whoami \(flag)", "nosuch \(flag)"] {
            let error = try #require(failure(line))
            #expect(error.status == .usage)
            #expect(error.message.contains("history, `ps` and recorded scripts"))
            #expect(error.message.contains("hunter2") == false)
            #expect(error.hint?.contains("hunter2") == false)
            let variable = flag.hasPrefix("--otp") ? "TOKENSH_OTP_COMMAND" : "TOKENSH_PASSWORD"
            #expect(error.hint?.contains(variable) == true)
            #expect(error.hint?.contains("prompt") == true)
        }
    }

    @Test func doubleDashEndsFlags() throws {
        let command = try parse("token revoke -- -abc")
        #expect(command.positionals == ["-abc"])
        #expect(try parse("token revoke -- --otp").positionals == ["--otp"])
    }

    @Test func helpFlagBecomesHelpCommand() throws {
        let command = try parse("token create --name x --help")
        #expect(command.spec.name == "help")
        #expect(command.positionals == ["token", "create"])
        #expect(try parse("whoami -h").positionals == ["whoami"])
    }

    @Test func switchesAcceptExplicitBooleans() throws {
        #expect(try parse("token create --bypass-2fa=false").has("bypass-2fa") == false)
        #expect(try parse("token create --bypass-2fa=true").has("bypass-2fa"))
        #expect(try #require(failure("token create --bypass-2fa=maybe")).message.contains("is a switch"))
    }

    @Test func valueChecks() throws {
        #expect(try #require(failure("registry ftp://x")).message.contains("http:// or https://"))
        #expect(try parse("registry https://r.example/").positionals == ["https://r.example/"])
        #expect(try #require(failure("token create --save file:")).hint?.contains("file:PATH") == true)
        #expect(try #require(failure("set 1X=2")).message.contains("NAME=VALUE"))
        #expect(try parse("set GREETING='hi there'").positionals == ["GREETING=hi there"])
        #expect(try #require(failure("token create --name ''")).message == "--name is empty")
    }
}
