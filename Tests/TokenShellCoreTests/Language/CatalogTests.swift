import Testing
import TokenShellCore

@Suite struct CatalogTests {
    let catalog = CommandCatalog.standard
    let parser = CommandParser()

    static let examples: [String] = CommandCatalog.standard.commands.flatMap(\.examples)

    @Test func everyCommandOfTheDesignIsThere() {
        let names = Set(catalog.commands.map(\.name))
        let expected: Set<String> = [
            "help", "guide", "registry", "ping", "login", "whoami", "status", "exec", "logout", "token list",
            "token show",
            "token create", "token revoke", "token rotate", "token prune", "config list", "config get",
            "config path", "tips", "audit", "record start", "record stop", "record status", "note", "replay",
            "history", "set", "exit", "account list", "account use", "account remove", "lock",
        ]
        #expect(names == expected)
        #expect(Set(catalog.groups.keys) == ["token", "config", "record", "account"])
    }

    @Test func everyCommandHasSummaryHelpAndAnExample() {
        for spec in catalog.commands {
            #expect(!spec.summary.isEmpty, "\(spec.name)")
            #expect(!spec.help.isEmpty, "\(spec.name)")
            #expect(!spec.examples.isEmpty, "\(spec.name)")
            // A doubled backslash at the end of a line is a backslash in the text, not a joined line.
            #expect(!spec.help.contains("\\\n"), "\(spec.name): a stray backslash in its help")
            for flag in spec.flags { #expect(!flag.summary.isEmpty, "\(spec.name) --\(flag.name)") }
        }
    }

    @Test(arguments: examples)
    func everyExampleParsesToItsCommand(example: String) throws {
        let command = try #require(try parser.parse(example, variables: { _ in nil }))
        let spec = try #require(catalog.commands.first { $0.examples.contains(example) })
        #expect(command.spec.name == spec.name)
    }

    @Test func tokenCreateHasEveryNpm11Flag() throws {
        let create = try #require(catalog.command(path: ["token", "create"]))
        let npmFlags = [
            "name", "token-description", "expires", "packages", "packages-all", "scopes", "orgs",
            "packages-and-scopes-permission", "orgs-permission", "cidr", "bypass-2fa", "read-only",
        ]
        for name in npmFlags {
            let flag = try #require(create.flag(named: name), "--\(name)")
            #expect(flag.npmName == name)
        }
        for name in ["classic", "granular", "save", "force", "preset", "json"] {
            #expect(create.flag(named: name) != nil, "--\(name)")
        }
        #expect(create.flag(named: "password") == nil)
        #expect(create.flag(named: "otp") == nil)
    }

    @Test func resolveFindsGroupsAndAliases() throws {
        let (spec, consumed) = try catalog.resolve(["token", "rm", "x"]).get()
        #expect(spec.name == "token revoke")
        #expect(consumed == 2)
        #expect(catalog.entry(named: "record") == .group("record"))
        #expect(catalog.entry(named: "?") == .command(.help))
        #expect(catalog.entry(named: "nope") == nil)
    }
}
