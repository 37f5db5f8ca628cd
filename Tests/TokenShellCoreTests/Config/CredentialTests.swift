import Testing
import TokenShellCore

@Suite struct CredentialTests {
    func load(_ user: String, project: String? = nil, env: [String: String] = [:]) throws -> NpmConfig {
        var files = ["/home/alice/.npmrc": user]
        if let project { files["/work/app/.npmrc"] = project }
        let fileSystem = FakeConfigFileSystem(files: files, folders: ["/work/app/node_modules"])
        return try NpmConfig.load(
            NpmConfigInputs(environment: env, cwd: "/work/app", home: "/home/alice"), fileSystem: fileSystem)
    }

    @Test func exactLookupNeedsTheExactNerfDart() throws {
        let config = try load("//h:4873/:_authToken=npm_root\n")
        #expect(config.credential(forRegistry: "http://h:4873/sub/") == nil)
        let found = try #require(config.credential(forRegistry: "http://h:4873/sub"))
        #expect(found.token == Secret("npm_root"))
        #expect(found.key == "//h:4873/:_authToken")
        #expect(found.source == .user)
        #expect(found.path == "/home/alice/.npmrc")
    }

    @Test func requestsWalkUpToTheHost() throws {
        let config = try load("//h:4873/:_authToken=npm_root\n//other/:_authToken=npm_other\n")
        let sent = try #require(config.credential(forRequestURL: "http://h:4873/sub/-/whoami"))
        #expect(sent.nerfDart == "//h:4873/")
        #expect(sent.authorizationHeader == Secret("Bearer npm_root"))
        #expect(config.credential(forRequestURL: "http://elsewhere/sub/") == nil)
    }

    @Test func deeperKeyWinsOnTheWayUp() throws {
        let config = try load("//h/:_authToken=npm_root\n//h/sub/:_authToken=npm_sub\n")
        #expect(config.credential(forRequestURL: "http://h/sub/pkg")?.token == Secret("npm_sub"))
        #expect(config.credential(forRequestURL: "http://h/other/pkg")?.token == Secret("npm_root"))
    }

    @Test func passwordAndAuthForms() throws {
        // "secret" in base64 is c2VjcmV0; "bob:pw" is Ym9iOnB3.
        let config = try load("//a/:username=alice\n//a/:_password=c2VjcmV0\n//b/:_auth=Ym9iOnB3\n")
        let basic = try #require(config.credential(forRegistry: "https://a/"))
        #expect(basic.kind == .usernamePassword(username: "alice", password: Secret("secret")))
        #expect(basic.authorizationHeader == Secret("Basic YWxpY2U6c2VjcmV0"))
        #expect(basic.localUsername == "alice")
        let auth = try #require(config.credential(forRegistry: "https://b/"))
        #expect(auth.authorizationHeader == Secret("Basic Ym9iOnB3"))
        #expect(auth.localUsername == "bob")
        #expect(!basic.passwordIsNotBase64)
    }

    @Test func aPasswordPastedAsItIsIsNoticed() throws {
        // npm stores _password as base64; "hunter2!" pasted as it is decodes to something else.
        let config = try load(
            "//a/:username=alice\n//a/:_password=hunter2!\n//b/:username=bob\n//b/:_password=aHVudGVyMiE=\n")
        #expect(try #require(config.credential(forRegistry: "https://a/")).passwordIsNotBase64)
        #expect(try !#require(config.credential(forRegistry: "https://b/")).passwordIsNotBase64)
    }

    @Test func unsetVariableIsReportedNotHidden() throws {
        let config = try load("//r/:_authToken=${NPM_TOKEN}\n")
        let found = try #require(config.credential(forRegistry: "https://r/"))
        #expect(found.unresolvedReference == "${NPM_TOKEN}")
        let withEnv = try load("//r/:_authToken=${NPM_TOKEN}\n", env: ["NPM_TOKEN": "npm_x"])
        let resolved = try #require(withEnv.credential(forRegistry: "https://r/"))
        #expect(resolved.unresolvedReference == nil)
        #expect(resolved.isInterpolated)
        #expect(resolved.token == Secret("npm_x"))
    }

    @Test func projectCredentialShadowsUser() throws {
        let config = try load("//r/:_authToken=npm_user\n", project: "//r/:_authToken=npm_project\n")
        let found = try #require(config.credential(forRegistry: "https://r/"))
        #expect(found.source == .project)
        #expect(found.path == "/work/app/.npmrc")
    }

    @Test func logoutCleansOnlyTheFileThatSuppliedIt() throws {
        let user = "# mine\n//r/:_authToken=npm_user\nregistry=https://r/\n"
        let project = "//r/:_authToken=npm_project\n//r/:email=a@example.com\nsave-exact=true\n"
        let config = try load(user, project: project)
        let plan = try #require(config.logoutPlan())
        #expect(plan.source == .project)
        #expect(plan.isDefaultRegistry)
        #expect(plan.isEditable)
        var document = NpmrcDocument(parsing: project)
        let removed = document.removeCredentials(plan)
        #expect(removed == ["//r/:_authToken", "//r/:email"])
        #expect(document.render() == "save-exact=true\nemail=a@example.com\n")
    }

    @Test func logoutAlsoClearsTheWalkedUpKey() throws {
        let config = try load("registry=http://h/sub/\n//h/:_authToken=npm_root\n")
        let plan = try #require(config.logoutPlan())
        #expect(plan.nerfDarts == ["//h/sub/", "//h/"])
        var document = NpmrcDocument(parsing: "registry=http://h/sub/\n//h/:_authToken=npm_root\n")
        document.removeCredentials(plan)
        #expect(document.render() == "registry=http://h/sub/\n")
    }

    @Test func logoutWithScopeUsesTheScopesRegistryAndDropsTheScopeLine() throws {
        let text = "@myco:registry=http://s/r/\n//s/r/:_authToken=npm_s\n//registry.npmjs.org/:_authToken=npm_main\n"
        let config = try load(text)
        let plan = try #require(config.logoutPlan(scope: "myco"))
        #expect(!plan.isDefaultRegistry)
        var document = NpmrcDocument(parsing: text)
        let removed = document.removeCredentials(plan)
        #expect(removed == ["@myco:registry", "//s/r/:_authToken"])
        #expect(document.render() == "//registry.npmjs.org/:_authToken=npm_main\n")
    }

    @Test func noCredentialMeansNoLogout() throws {
        #expect(try load("registry=https://r/\n").logoutPlan() == nil)
    }

    @Test func environmentCredentialIsNotEditable() throws {
        let config = try load("", env: ["npm_config_//registry.npmjs.org/:_authToken": "npm_env"])
        let plan = try #require(config.logoutPlan())
        #expect(plan.source == .env)
        #expect(!plan.isEditable)
    }
}
