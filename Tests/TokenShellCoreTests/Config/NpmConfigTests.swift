import Testing
import TokenShellCore

@Suite struct NpmConfigTests {
    static let home = "/home/alice"

    func load(
        _ files: [String: String], folders: Set<String> = [], env: [String: String] = [:],
        cwd: String = "/work/app/src",
        cli: [String: String] = [:], global: String? = "/usr/etc/npmrc"
    ) throws -> NpmConfig {
        let fileSystem = FakeConfigFileSystem(files: files, folders: folders)
        let inputs = NpmConfigInputs(
            environment: env, cwd: cwd, home: Self.home, cli: cli, defaultGlobalConfigPath: global)
        return try NpmConfig.load(inputs, fileSystem: fileSystem)
    }

    @Test func defaultsWithoutFiles() throws {
        let config = try load([:])
        #expect(config.registry == "https://registry.npmjs.org/")
        #expect(config.value(forKey: "registry")?.source == .defaults)
        #expect(config.userConfigPath == "/home/alice/.npmrc")
        #expect(config.localPrefix == "/work/app/src")
        #expect(config.strictSSL)
        #expect(config.fetchTimeoutMilliseconds == 300_000)
    }

    @Test func precedenceIsCliEnvProjectUserGlobal() throws {
        let files = [
            "/usr/etc/npmrc": "registry=https://global.example/\nfetch-timeout=1\nstrict-ssl=false\n",
            "/home/alice/.npmrc": "registry=https://user.example/\nfetch-timeout=2\n",
            "/work/app/.npmrc": "registry=https://project.example/\n",
        ]
        let project = try load(files, folders: ["/work/app/node_modules"])
        #expect(project.localPrefix == "/work/app")
        #expect(project.registry == "https://project.example/")
        #expect(project.value(forKey: "registry")?.path == "/work/app/.npmrc")
        #expect(project.fetchTimeoutMilliseconds == 2)
        #expect(!project.strictSSL)

        let env = try load(
            files, folders: ["/work/app/node_modules"], env: ["npm_config_registry": "https://env.example"])
        #expect(env.registry == "https://env.example/")
        #expect(env.value(forKey: "registry")?.source == .env)

        let cli = try load(
            files, folders: ["/work/app/node_modules"], env: ["npm_config_registry": "https://env.example"],
            cli: ["registry": "https://cli.example/"])
        #expect(cli.registry == "https://cli.example/")
    }

    @Test func userConfigComesFromCliThenEnvThenHome() throws {
        let files = ["/tmp/a.npmrc": "registry=https://a.example/\n", "/tmp/b.npmrc": "registry=https://b.example/\n"]
        let viaEnv = try load(files, env: ["NPM_CONFIG_USERCONFIG": "/tmp/b.npmrc"])
        #expect(viaEnv.userConfigPath == "/tmp/b.npmrc")
        #expect(viaEnv.registry == "https://b.example/")
        let viaCli = try load(
            files, env: ["npm_config_userconfig": "/tmp/b.npmrc"], cli: ["userconfig": "/tmp/a.npmrc"])
        #expect(viaCli.userConfigPath == "/tmp/a.npmrc")
        #expect(viaCli.registry == "https://a.example/")
        let tilde = try load([:], cli: ["userconfig": "~/conf/npmrc"])
        #expect(tilde.userConfigPath == "/home/alice/conf/npmrc")
    }

    @Test func projectFileIsSkippedWhenItIsTheUserFile() throws {
        let config = try load(
            ["/home/alice/.npmrc": "registry=https://user.example/\n"], folders: ["/home/alice/node_modules"],
            cwd: "/home/alice/code")
        #expect(config.localPrefix == "/home/alice")
        #expect(config.projectConfigPath == nil)
        #expect(config.layer(.project) == nil)
        #expect(config.value(forKey: "registry")?.source == .user)
    }

    @Test func environmentKeysAreNormalisedLikeNpm() throws {
        let config = try load(
            [:],
            env: [
                "npm_config_update_notifier": "false", "NPM_CONFIG_FETCH_TIMEOUT": "5000", "npm_config__auth": "abc",
                "npm_config_//127.0.0.1:4873/sub/:_authToken": "npm_tok", "npm_config_empty": "",
            ])
        #expect(config.value(forKey: "update-notifier")?.value == "false")
        #expect(config.fetchTimeoutMilliseconds == 5000)
        #expect(config.value(forKey: "_auth")?.value == "abc")
        #expect(config.value(forKey: "//127.0.0.1:4873/sub/:_authToken")?.value == "npm_tok")
        #expect(config.value(forKey: "empty") == nil)
    }

    @Test func keysAndValuesAreInterpolated() throws {
        let config = try load(
            ["/home/alice/.npmrc": "//${HOST}/:_authToken=${NPM_TOKEN}\nmissing=${NOPE}\n"],
            env: ["HOST": "r.example", "NPM_TOKEN": "npm_secret"])
        let token = try #require(config.value(forKey: "//r.example/:_authToken"))
        #expect(token.value == "npm_secret")
        #expect(token.rawValue == "${NPM_TOKEN}")
        #expect(token.isInterpolated)
        #expect(config.value(forKey: "missing")?.value == "${NOPE}")
    }

    @Test func scopedRegistry() throws {
        let config = try load(["/home/alice/.npmrc": "@myco:registry=http://127.0.0.1:4873/sub\n"])
        #expect(config.registry(forScope: "@myco") == "http://127.0.0.1:4873/sub/")
        #expect(config.registry(forScope: "myco") == "http://127.0.0.1:4873/sub/")
        #expect(config.registry(forScope: "@other") == "https://registry.npmjs.org/")
    }

    @Test func cafileIsResolvedAgainstHome() throws {
        let config = try load(["/home/alice/.npmrc": "cafile=~/certs/ca.pem\n"])
        #expect(config.cafile == "/home/alice/certs/ca.pem")
    }
}
