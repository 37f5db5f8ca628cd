import Testing
import TokenShellCore

@Suite struct CanonicalLineTests {
    let parser = CommandParser()
    let variables: [String: String] = ["SCOPE": "@acme", "NAME": "ci read", "CIDRS": "10.0.0.0/8,192.0.2.0/24"]

    func parse(_ line: String) throws -> ParsedCommand {
        try #require(try parser.parse(line, variables: { variables[$0] }))
    }

    @Test func flagsComeInSpecOrder() throws {
        let command = try parse(
            "token create --expires=30 --cidr 192.0.2.0/24 --packages-all --packages-and-scopes-permission read-only --name ci-read"
        )
        #expect(
            CanonicalLine.render(command)
                == "token create --name ci-read --packages-and-scopes-permission read-only --packages-all --expires 30 --cidr 192.0.2.0/24"
        )
    }

    @Test func aliasesBecomeTheCanonicalName() throws {
        #expect(CanonicalLine.render(try parse("token rm abc123 -y")) == "token revoke abc123 --yes")
        #expect(CanonicalLine.render(try parse("source 'my setup.tksh'")) == "replay 'my setup.tksh'")
    }

    @Test func valuesAreQuotedOnlyWhenNeeded() throws {
        let command = try parse("token create --name \"it's mine\" --token-description 'used by CI' --packages a,b")
        #expect(
            CanonicalLine.render(command)
                == "token create --name 'it'\\''s mine' --token-description 'used by CI' --packages a,b")
    }

    @Test func variableReferencesStayUnexpanded() throws {
        let command = try parse("token create --name \"${NAME}\" --scopes=${SCOPE} --cidr \"${CIDRS}\"")
        #expect(command.string("name") == "ci read")
        #expect(command.list("cidr") == ["10.0.0.0/8", "192.0.2.0/24"])
        let line = CanonicalLine.render(command)
        #expect(line == "token create --name ${NAME} --scopes ${SCOPE} --cidr ${CIDRS}")
        let mixed = try parse("set GREETING=\"hello ${NAME}!\"")
        #expect(CanonicalLine.render(mixed) == "set \"GREETING=hello ${NAME}!\"")
    }

    @Test func falseSwitchesAreDropped() throws {
        #expect(CanonicalLine.render(try parse("token create --bypass-2fa=false --name x")) == "token create --name x")
    }

    @Test func wizardAnswersBecomeFlags() throws {
        var command = try parse("token create --name ${NAME}")
        try command.setFlag("packages-and-scopes-permission", .string("read-only"))
        try command.setFlag("packages-all", .bool(true))
        try command.setFlag("expires", .integer(30))
        try command.setFlag("cidr", .list(["192.0.2.0/24", "198.51.100.0/24"]))
        try command.setFlag("save", .string("none"))
        #expect(
            CanonicalLine.render(command)
                == "token create --name ${NAME} --packages-and-scopes-permission read-only --packages-all --expires 30 --cidr 192.0.2.0/24,198.51.100.0/24 --save none"
        )
        try command.setFlag("name", .string("plain"))
        #expect(CanonicalLine.render(command).hasPrefix("token create --name plain "))
    }

    @Test func setFlagValidatesLikeTheParser() throws {
        var command = try parse("token create")
        #expect(throws: ShellError.self) { try command.setFlag("expires", .integer(0)) }
        #expect(throws: ShellError.self) { try command.setFlag("packages-and-scopes-permission", .string("all")) }
        #expect(throws: ShellError.self) { try command.setFlag("password", .string("x")) }
        #expect(throws: ShellError.self) { try command.setFlag("name", .integer(3)) }
    }

    static let roundTripLines: [String] =
        CommandCatalog.standard.commands.flatMap(\.examples) + [
            "token create --name \"${NAME}\" --cidr ${CIDRS} --scopes @a --scopes '@b c'",
            "set X='a \"quoted\" $ value'",
            "audit 'folder with spaces' --json",
            "token create --packages 'a, b' --orgs x,y --orgs z",
        ]

    @Test(arguments: roundTripLines)
    func canonicalLineParsesBackToTheSameCommand(line: String) throws {
        let first = try parse(line)
        let canonical = CanonicalLine.render(first)
        let second = try parse(canonical)
        #expect(second.spec == first.spec)
        #expect(second.flags == first.flags)
        #expect(second.positionals == first.positionals)
        #expect(CanonicalLine.render(second) == canonical)
    }
}

@Suite struct CanonicalLineSecretTests {
    let parser = CommandParser()

    func holdsSecret(_ line: String) throws -> Bool {
        let command = try #require(try parser.parse(line, variables: { _ in nil }))
        return CanonicalLine.holdsSecret(command)
    }

    @Test func tokensAndUUIDsAreSecrets() throws {
        #expect(try holdsSecret("token revoke npm_" + String(repeating: "A1b2", count: 9)))
        #expect(try holdsSecret("token revoke 0b1c2d3e-aaaa-bbbb-cccc-0123456789ab"))
        #expect(try holdsSecret("set T=npm_" + String(repeating: "x", count: 36)))
    }

    @Test func idsAndNamesAreNot() throws {
        #expect(try holdsSecret("token revoke 2feae2 --yes") == false)
        #expect(try holdsSecret("token revoke --name npm_short") == false)
        #expect(try holdsSecret("token create --name ci --cidr 10.0.0.0/8") == false)
    }
}
