import Testing
import TokenShellCore

@Suite struct ExecUserConfigTests {
    let registry = "https://npm.example.com/sub/"

    func rewrite(_ text: String, kind: ExecUserConfig.Kind = .token, isDefault: Bool = false) throws -> String {
        let bytes = try #require(
            ExecUserConfig.bytes(
                user: NpmrcDocument(bytes: Array(text.utf8)), registry: registry, kind: kind,
                isDefaultRegistry: isDefault, variable: "TOKENSH_EXEC_TOKEN_TEST"))
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func everyOtherByteStaysAndThePlaceholderIsAdded() throws {
        let original =
            "; a comment  \n# another\r\ncolor = false\n\n//other.example/:_authToken=npm_keepThisOtherRegistrysToken000000\n"
            + "//npm.example.com/sub/:certfile=/home/me/cert.pem\n  fund=false ; inline\n[section]\nkey=value\n"
        let rewritten = try rewrite(original)
        let expected =
            "; a comment  \n# another\r\ncolor = false\n\n//other.example/:_authToken=npm_keepThisOtherRegistrysToken000000\n"
            + "//npm.example.com/sub/:certfile=/home/me/cert.pem\n  fund=false ; inline\n"
            + "//npm.example.com/sub/:_authToken=${TOKENSH_EXEC_TOKEN_TEST}\n[section]\nkey=value\n"
        #expect(rewritten == expected)
    }

    @Test func theRegistrysCredentialLinesGoTheOthersStay() throws {
        let original = """
            //npm.example.com/sub/:_authToken=npm_0123456789abcdefghijklmnopqrstuvwxyz
            //npm.example.com/sub/:username=me
            //npm.example.com/sub/:_password=c2VjcmV0
            //npm.example.com/sub/:_auth=bWU6c2VjcmV0
            //npm.example.com/:_authToken=npm_anotherPathSameHost000000000000000
            registry=https://npm.example.com/sub/

            """
        let rewritten = try rewrite(original, kind: .basic)
        #expect(
            rewritten == """
                //npm.example.com/:_authToken=npm_anotherPathSameHost000000000000000
                registry=https://npm.example.com/sub/
                //npm.example.com/sub/:_auth=${TOKENSH_EXEC_TOKEN_TEST}

                """)
    }

    @Test func bareLegacyKeysGoOnlyForTheDefaultRegistry() throws {
        let original = "_auth=bWU6c2VjcmV0\nemail=me@example.com\n"
        #expect(try rewrite(original, isDefault: false).hasPrefix("_auth=bWU6c2VjcmV0\n"))
        #expect(
            try rewrite(original, isDefault: true)
                == "email=me@example.com\n//npm.example.com/sub/:_authToken=${TOKENSH_EXEC_TOKEN_TEST}\n")
    }

    @Test func aMissingUserConfigIsJustThePlaceholder() throws {
        let bytes = try #require(
            ExecUserConfig.bytes(
                user: nil, registry: registry, kind: .token, isDefaultRegistry: true,
                variable: "TOKENSH_EXEC_TOKEN_TEST"))
        #expect(
            String(decoding: bytes, as: UTF8.self) == "//npm.example.com/sub/:_authToken=${TOKENSH_EXEC_TOKEN_TEST}\n")
    }

    @Test func bytesThatAreNotUTF8StayAsTheyWere() throws {
        let original: [UInt8] = Array("; caf".utf8) + [0xE9] + Array(" latin-1\ncolor=false\n".utf8)
        let bytes = try #require(
            ExecUserConfig.bytes(
                user: NpmrcDocument(bytes: original), registry: registry, kind: .token, isDefaultRegistry: false,
                variable: "TOKENSH_EXEC_TOKEN_TEST"))
        #expect(Array(bytes.prefix(original.count)) == original)
    }
}

@Suite struct ExecEnvironmentTests {
    let token = Secret("npm_0123456789abcdefghijklmnopqrstuvwxyz")

    @Test func secretsAndCompetingNpmSettingsAreLeftOutTheRestPasses() {
        let base = [
            "PATH": "/usr/bin", "HOME": "/home/me", "NPM_TOKEN": "kept-the-users-own",
            "TOKENSH_PASSWORD": "p", "TOKENSH_TOKEN": "t", "TOKENSH_OTP": "1", "TOKENSH_OTP_COMMAND": "oathtool",
            "TOKENSH_EXEC_TOKEN_0123": "an outer exec's", "npm_config_userconfig": "/elsewhere",
            "NPM_CONFIG_REGISTRY": "https://x/",
            "npm_config_//npm.example.com/:_authToken": "npm_inherited", "npm_config_//other.example/:_authToken": "o",
            "npm_config_cache": "/tmp/cache",
        ]
        let environment = ExecEnvironment.make(
            base: base, registry: "https://npm.example.com/", userConfigPath: "/dev/fd/3", credential: token,
            variable: "TOKENSH_EXEC_TOKEN_TEST")
        #expect(
            environment == [
                "PATH": "/usr/bin", "HOME": "/home/me", "NPM_TOKEN": "kept-the-users-own",
                "npm_config_//other.example/:_authToken": "o", "npm_config_cache": "/tmp/cache",
                "NPM_CONFIG_USERCONFIG": "/dev/fd/3", "npm_config_registry": "https://npm.example.com/",
                "TOKENSH_EXEC_TOKEN_TEST": token.reveal(),
            ])
    }

    @Test func theVariableIsNewEachRunAndNamesNothingAProjectCouldKnow() {
        let names = Set((0..<64).map { _ in ExecUserConfig.freshVariable() })
        #expect(names.count == 64)
        for name in names {
            #expect(name.hasPrefix("TOKENSH_EXEC_TOKEN_") && name.count == "TOKENSH_EXEC_TOKEN_".count + 16)
            #expect(
                name.unicodeScalars.allSatisfy { $0.properties.isUppercase || ("0"..."9").contains($0) || $0 == "_" })
        }
    }

    @Test func theRegistryGoesWithoutItsUserinfo() {
        let environment = ExecEnvironment.make(
            base: [:], registry: "https://me:secret@npm.example.com/", userConfigPath: "/dev/fd/3", credential: token,
            variable: "TOKENSH_EXEC_TOKEN_TEST")
        #expect(environment["npm_config_registry"] == "https://npm.example.com/")
    }
}

@Suite struct ExecParsingTests {
    let parser = CommandParser()

    func parse(_ line: String) throws -> ParsedCommand {
        try #require(try parser.parse(line, variables: { _ in nil }))
    }

    @Test func theProgramsFlagsAreItsOwn() throws {
        let command = try parse("exec npm publish --tag next --help")
        #expect(command.spec == .exec)
        #expect(command.positionals == ["npm", "publish", "--tag", "next", "--help"])
        #expect(CanonicalLine.render(command) == "exec -- npm publish --tag next --help")
        #expect(try parse(CanonicalLine.render(command)).positionals == command.positionals)
    }

    @Test func helpBeforeTheProgramIsTokenshsOwn() throws {
        #expect(try parse("exec --help").spec == .help)
        #expect(try parse("exec -- npm whoami").positionals == ["npm", "whoami"])
        #expect(CanonicalLine.render(try parse("exec npm whoami")) == "exec npm whoami")
    }

    @Test func secretFlagsAreRefusedEvenForTheProgram() {
        #expect(throws: ShellError.self) { try parse("exec --otp 123456 npm publish") }
    }
}
