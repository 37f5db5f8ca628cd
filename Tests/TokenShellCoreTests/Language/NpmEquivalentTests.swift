import Testing
import TokenShellCore

@Suite struct NpmEquivalentTests {
    let parser = CommandParser()

    func equivalent(_ line: String, _ kind: NpmEquivalent.RegistryKind = .granular) throws -> NpmEquivalent? {
        let command = try #require(try parser.parse(line, variables: { _ in nil }))
        return NpmEquivalent.of(command, registryKind: kind)
    }

    @Test func granularCreateMapsOneToOne() throws {
        let result = try #require(
            try equivalent(
                "token create --preset ci-install --name ci --packages-and-scopes-permission read-only --packages-all --expires 30 --cidr 192.0.2.0/24,198.51.100.0/24 --save file:x --json"
            ))
        #expect(
            result.command
                == "npm token create --name ci --packages-and-scopes-permission read-only --packages-all --expires 30 --cidr 192.0.2.0/24,198.51.100.0/24"
        )
        #expect(result.note?.contains("npm 11.7 or later") == true)
    }

    @Test func granularCreateTurnsReadOnlyIntoThePermission() throws {
        let result = try #require(try equivalent("token create --read-only --name x"))
        #expect(result.command == "npm token create --name x --packages-and-scopes-permission read-only")
    }

    @Test func classicCreateIsWhatNpm10Sends() throws {
        let readOnly = try #require(
            try equivalent(
                "token create --name x --packages-and-scopes-permission read-only --cidr 10.0.0.0/8", .classic))
        #expect(readOnly.command == "npm token create --read-only --cidr 10.0.0.0/8")
        let publish = try #require(try equivalent("token create --name 'a b' --expires 7", .classic))
        #expect(publish.command == "npm token create")
        #expect(publish.note?.contains("classic") == true)
    }

    @Test func simpleCommandsMapTheirFlags() throws {
        #expect(try equivalent("whoami --json")?.command == "npm whoami --json")
        #expect(try equivalent("ping")?.command == "npm ping")
        #expect(
            try equivalent("login --auth-type legacy --username alice --scope @acme --save none")?.command
                == "npm login --auth-type legacy --scope @acme")
        #expect(try equivalent("token list --sort name")?.note?.contains("--sort") == true)
        #expect(try equivalent("config get registry")?.command == "npm config get registry")
        #expect(try equivalent("registry")?.command == "npm config get registry")
        #expect(try equivalent("registry https://r.example/")?.command == "npm config set registry https://r.example/")
    }

    @Test func revokeNeverShowsAFullToken() throws {
        let token = "npm_" + String(repeating: "a", count: 36)
        #expect(try equivalent("token revoke abc123 \(token)")?.command == "npm token revoke abc123 TOKEN")
        #expect(try equivalent("token revoke --name ci")?.note?.contains("npm token list") == true)
    }

    @Test func commandsWithoutAnEquivalent() throws {
        for line in ["guide", "token show abc", "token prune --expired", "audit", "record stop", "history", "exit"] {
            #expect(try equivalent(line) == nil, "\(line)")
        }
    }
}
