import Testing
import TokenShellCore

@Suite struct CredentialEditTests {
    @Test func setTokenReplacesThePasswordLoginAndKeepsTheRest() throws {
        var document = NpmrcDocument(
            parsing:
                "; my settings\r\n_token=old\r\n//r/sub/:username=alice\r\n//r/sub/:_password=c2VjcmV0\r\n"
                + "//r/sub/:always-auth=true\r\n//other/:_authToken=npm_other\r\nsave-exact=true")
        try document.setToken(Secret("npm_new"), registry: "http://r/sub/")
        #expect(
            document.render()
                == "; my settings\r\n//other/:_authToken=npm_other\r\nsave-exact=true\r\n//r/sub/:_authToken=npm_new\r\n"
        )
    }

    @Test func setTokenReplacesAnExistingTokenInPlace() throws {
        var document = NpmrcDocument(parsing: "a=1\n//r/:_authToken=npm_old\nb=2\n")
        try document.setToken(Secret("npm_new"), registry: "https://r")
        #expect(document.render() == "a=1\n//r/:_authToken=npm_new\nb=2\n")
    }

    @Test func projectLineHoldsAReferenceNotTheToken() throws {
        var document = NpmrcDocument(parsing: "engine-strict=true\n")
        try document.setTokenReference(registry: "https://registry.npmjs.org/")
        #expect(document.render() == "engine-strict=true\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n")
        #expect(throws: NpmrcDocument.EditError.invalidVariableName("BAD}")) {
            try document.setTokenReference(variable: "BAD}", registry: "https://r/")
        }
    }

    @Test func scopeRegistryLine() {
        var document = NpmrcDocument(parsing: "")
        document.setScopeRegistry("myco", registry: "http://127.0.0.1:4873/sub/")
        #expect(document.render() == "@myco:registry=http://127.0.0.1:4873/sub/\n")
    }

    @Test func invalidRegistryIsRefused() {
        var document = NpmrcDocument(parsing: "")
        #expect(throws: NpmrcDocument.EditError.invalidRegistry("not a url")) {
            try document.setToken(Secret("npm_x"), registry: "not a url")
        }
        #expect(document.render() == "")
    }
}

@Suite struct ConfigListingTests {
    func load() throws -> NpmConfig {
        let fileSystem = FakeConfigFileSystem(files: [
            "/home/alice/.npmrc":
                "registry=https://user.example/\n//user.example/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n"
                + "proxy=http://bob:hunter2@proxy.example:8080/\n"
        ])
        return try NpmConfig.load(
            NpmConfigInputs(
                environment: ["npm_config_registry": "https://env.example/"], cwd: "/work", home: "/home/alice"),
            fileSystem: fileSystem)
    }

    @Test func listRedactsSecretsAndNamesTheFile() throws {
        let entries = try load().list()
        let token = try #require(entries.first { $0.key == "//user.example/:_authToken" })
        #expect(token.displayValue == "(protected)")
        #expect(token.path == "/home/alice/.npmrc")
        let proxy = try #require(entries.first { $0.key == "proxy" })
        #expect(proxy.displayValue == "http://bob:***@proxy.example:8080/")
        let userRegistry = try #require(entries.first { $0.key == "registry" && $0.source == .user })
        #expect(userRegistry.isOverridden)
        let envRegistry = try #require(entries.first { $0.key == "registry" && $0.source == .env })
        #expect(!envRegistry.isOverridden)
        #expect(!entries.contains { $0.source == .defaults })
        #expect(!entries.contains { $0.displayValue.contains("abcdefghij") || $0.displayValue.contains("hunter2") })
    }

    @Test func getRefusesProtectedKeys() throws {
        let config = try load()
        guard case .protected = config.get("//user.example/:_authToken") else {
            Issue.record("token must be protected")
            return
        }
        #expect(
            config.get("registry") == .value(ConfigValue(key: "registry", value: "https://env.example/", source: .env)))
        #expect(config.get("nope") == .unset)
    }

    @Test(arguments: [
        ("_authToken", true), ("//h/:_authToken", true), ("//h/:username", true), ("//h/:email", true),
        ("email", true), ("registry", false), ("@s:registry", false), ("//h/:always-auth", false),
    ])
    func protectedKeysMatchNpm(_ key: String, _ expected: Bool) {
        #expect(NpmConfig.isProtected(key: key) == expected)
    }
}
