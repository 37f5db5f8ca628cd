import Foundation
import Testing
import TokenShellCore
import TokenShellSystem

@Suite struct SystemAdapterTests {
    @Test func xdgPathsDefaultUnderHome() {
        let paths = TokenShellPaths(environment: [:], home: "/home/a")
        #expect(paths.stateDirectory == "/home/a/.local/state/tokensh")
        #expect(paths.configDirectory == "/home/a/.config/tokensh")
        #expect(paths.historyFile == "/home/a/.local/state/tokensh/history")
    }

    @Test func xdgPathsHonourAbsoluteSettingsOnly() {
        let paths = TokenShellPaths(
            environment: ["XDG_STATE_HOME": "/var/s", "XDG_CONFIG_HOME": "relative"], home: "/home/a")
        #expect(paths.stateDirectory == "/var/s/tokensh")
        #expect(paths.configDirectory == "/home/a/.config/tokensh")
        #expect(TokenShellPaths(environment: ["TOKENSH_HISTFILE": "/dev/null"], home: "/h").historyFile == nil)
    }

    @Test func localFileSystemFindsTheProjectFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("app/src/deep"), withIntermediateDirectories: true)
        try folder.write("app/package.json", "{}")
        try folder.write("app/.npmrc", "registry=http://127.0.0.1:9/p/\n")
        let config = try NpmConfig.load(
            NpmConfigInputs(environment: [:], cwd: folder.file("app/src/deep"), home: folder.path),
            fileSystem: LocalFileSystem())
        #expect(config.localPrefix == folder.file("app"))
        #expect(config.registry == "http://127.0.0.1:9/p/")
        #expect(LocalFileSystem().isDirectory(atPath: folder.path))
        #expect(!LocalFileSystem().isDirectory(atPath: folder.file("app/package.json")))
        #expect(try LocalFileSystem().contents(atPath: folder.file("missing")) == nil)
    }

    @Test func otpCommandOutputIsTrimmedAndKeptOutOfArgv() throws {
        let runner = try #require(
            OTPCommandRunner(environment: ["TOKENSH_OTP_COMMAND": "printf '  %s\\n' \"$SEED\"", "SEED": "123456"]))
        #expect(try runner.nextCode() == Secret("123456"))
    }

    @Test("security 06: the OTP command sees the user's variables but no secret of tokensh's")
    func otpCommandEnvironmentHasNoSecret() throws {
        let environment = [
            "TOKENSH_OTP_COMMAND": "printf '%s|%s|%s|%s' \"$TOKENSH_PASSWORD\" \"$TOKENSH_TOKEN\" \"$OTHER\" \"$HOME\"",
            "TOKENSH_PASSWORD": "pw", "TOKENSH_TOKEN": "npm_x", "OTHER": "other", "HOME": "/home/u",
        ]
        let runner = try #require(OTPCommandRunner(environment: environment))
        #expect(try runner.nextCode() == Secret("||other|/home/u"))
    }

    @Test func otpCommandFailuresAreErrors() throws {
        #expect(OTPCommandRunner(environment: [:]) == nil)
        #expect(throws: ShellError.self) {
            try OTPCommandRunner(command: "exit 3", environment: [:]).nextCode()
        }
        #expect(throws: ShellError.self) {
            try OTPCommandRunner(command: "true", environment: [:]).nextCode()
        }
    }

    @Test func otpCommandTimesOut() throws {
        let started = Date()
        #expect(throws: ShellError.self) {
            try OTPCommandRunner(command: "exec sleep 30", environment: [:], timeout: 0.5).nextCode()
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
