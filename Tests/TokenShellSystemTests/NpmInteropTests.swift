import Foundation
import Testing
import TokenShellCore
import TokenShellSystem

/// The real npm CLI must read what tokensh writes. No network: only `npm config` and npm's own
/// `ini` module, with a throw-away HOME. npm is the one on PATH (see `NpmOnPath`).
@Suite(.enabled(if: NpmOnPath.shouldRun))
struct NpmInteropTests {
    static let token = "npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"

    func environment(home: String) -> [String: String] {
        [
            "HOME": home, "PATH": NpmOnPath.path, "npm_config_update_notifier": "false",
            "npm_config_cache": home + "/.npm", "NO_COLOR": "1",
        ]
    }

    @Test func npmConfigReadsTheTokenAndScopeWeWrote() throws {
        let npm = try #require(NpmOnPath.npm, "npm is not on PATH (scripts/test installs one)")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let userconfig = folder.file("userrc")
        try folder.write("userrc", "; kept comment\nfund=false\n", mode: 0o644)
        try folder.writer().update(path: userconfig) { old in
            var document = NpmrcDocument(bytes: old ?? [])
            try document.setToken(Secret(Self.token), registry: "http://127.0.0.1:9/sub/")
            document.setScopeRegistry("@myco", registry: "http://127.0.0.1:9/sub/")
            return document.bytes
        }
        let env = environment(home: folder.path)
        let list = try runProcess(
            npm, ["config", "list", "--userconfig", userconfig], environment: env, cwd: folder.path)
        #expect(list.status == 0, "npm config list failed: \(list.stderr)")
        #expect(list.stdout.contains("//127.0.0.1:9/sub/:_authToken = (protected)"))
        #expect(list.stdout.contains("@myco:registry = \"http://127.0.0.1:9/sub/\""))
        #expect(!list.stdout.contains(Self.token))

        let get = try runProcess(
            npm, ["config", "get", "//127.0.0.1:9/sub/:_authToken", "--userconfig", userconfig],
            environment: env, cwd: folder.path)
        // npm 10.8.2 refuses to print a protected key; it prints the value or "(protected)" elsewhere.
        let output = get.stdout + get.stderr
        #expect(output.contains("protected") || output.contains(Self.token))
        #expect(!get.stdout.contains("undefined"))

        let scope = try runProcess(
            npm, ["config", "get", "@myco:registry", "--userconfig", userconfig], environment: env,
            cwd: folder.path)
        #expect(scope.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "http://127.0.0.1:9/sub/")
    }

    @Test func npmsIniParsesEveryValueBackExactly() throws {
        let node = try #require(NpmOnPath.node, "node is not on PATH (scripts/test installs one)")
        let npmFolder = try #require(NpmOnPath.packageFolder, "npm is not on PATH (scripts/test installs one)")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let values = [
            "plain": "v", "equals": "a=b", "semi": "x;y#z", "space": " padded ", "quote": "\"q\"",
            "bracket": "[not a section", "interp": "${NPM_TOKEN}", "unicode": "ünï🔑", "backslash": "a\\b",
        ]
        var document = NpmrcDocument(parsing: "# top\r\nkeep=1\r\n")
        for key in values.keys.sorted() {
            document.set(key, to: values[key] ?? "")
        }
        try folder.write("rc", document.render())
        // npm's own copy of ini, wherever that npm keeps its dependencies.
        let script = """
            const ini = require(require.resolve('ini', { paths: [process.argv[2]] }));
            const fs = require('fs');
            process.stdout.write(JSON.stringify(ini.parse(fs.readFileSync(process.argv[1], 'utf8'))));
            """
        let result = try runProcess(
            node, ["-e", script, folder.file("rc"), npmFolder], environment: environment(home: folder.path),
            cwd: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        for (key, value) in values {
            #expect(parsed?[key] as? String == value, "key \(key)")
        }
        #expect(parsed?["keep"] as? String == "1")
    }

    @Test func weReadWhatNpmWrites() throws {
        let npm = try #require(NpmOnPath.npm, "npm is not on PATH (scripts/test installs one)")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let userconfig = folder.file("userrc")
        let env = environment(home: folder.path)
        let set = try runProcess(
            npm, ["config", "set", "@myco:registry=http://127.0.0.1:9/x/", "--userconfig", userconfig],
            environment: env, cwd: folder.path)
        #expect(set.status == 0, "\(set.stderr)")
        let config = try NpmConfig.load(
            NpmConfigInputs(environment: env, cwd: folder.path, home: folder.path, cli: ["userconfig": userconfig]),
            fileSystem: LocalFileSystem())
        #expect(config.registry(forScope: "@myco") == "http://127.0.0.1:9/x/")
        #expect(config.value(forKey: "@myco:registry")?.path == userconfig)
    }
}
