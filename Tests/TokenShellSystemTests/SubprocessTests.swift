import Testing

@testable import TokenShellSystem

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Subprocess and PathString")
struct SubprocessTests {
    @Test func capturesOutputAndExitStatus() throws {
        let result = try #require(
            try Subprocess.run(
                "/bin/sh", arguments: ["-c", "printf 'hello\\n'; printf \"$X\"; exit 3"], environment: ["X": "env"]))
        #expect(String(decoding: result.output, as: UTF8.self) == "hello\nenv")
        #expect(result.termination == Subprocess.Termination(status: 3, signaled: false))
        #expect(!result.termination.succeeded)
    }

    @Test func stopsAChildThatOutlivesItsTimeout() throws {
        let started = ContinuousClock.now
        let result = try Subprocess.run("/bin/sh", arguments: ["-c", "exec sleep 30"], timeout: 0.3)
        #expect(result == nil)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("security 06: children get no secret variable, whatever environment they are given")
    func secretsAreRemovedFromEveryChild() throws {
        let environment = ["TOKENSH_PASSWORD": "pw", "TOKENSH_TOKEN": "t", "TOKENSH_OTP": "1", "KEPT": "yes"]
        let result = try #require(try Subprocess.run("/usr/bin/env", arguments: [], environment: environment))
        #expect(String(decoding: result.output, as: UTF8.self) == "KEPT=yes\n")
        let exposed = try #require(
            try Subprocess.run("/usr/bin/env", arguments: [], environment: environment, exposing: ["TOKENSH_OTP"]))
        #expect(
            String(decoding: exposed.output, as: UTF8.self).split(separator: "\n").sorted() == [
                "KEPT=yes", "TOKENSH_OTP=1",
            ])
    }

    @Test("security 06: children inherit only the standard streams")
    func descriptorsAboveTwoAreClosed() throws {
        let leaked = open("/dev/null", O_RDONLY)  // no O_CLOEXEC, as libcurl's sockets
        defer { close(leaked) }
        #expect(leaked > 2)
        let result = try #require(
            try Subprocess.run(
                "/bin/sh", arguments: ["-c", "[ -e /proc/self/fd/\(leaked) ] && echo open || echo closed"]))
        #expect(String(decoding: result.output, as: UTF8.self) == "closed\n")
    }

    @Test func reportsAProgramThatCannotStart() {
        #expect(throws: SubprocessError.self) {
            try Subprocess.spawn("/nonexistent/program", arguments: [])
        }
    }

    @Test func closingStdinSendsEndOfFile() throws {
        let child = try Subprocess.spawn("/bin/cat", arguments: [], stdin: .pipe, stdout: .null)
        child.closeInput()
        #expect(child.wait().succeeded)
    }

    @Test func pathOperationsMatchNSString() {
        #expect(PathString.deletingLastComponent("a/b/c") == "a/b")
        #expect(PathString.deletingLastComponent("a/b/") == "a")
        #expect(PathString.deletingLastComponent("/file") == "/")
        #expect(PathString.deletingLastComponent("file") == "")
        #expect(PathString.lastComponent("/x/y/") == "y")
        #expect(PathString.lastComponent("/") == "/")
        #expect(PathString.appending("etc/npmrc", to: "/usr/") == "/usr/etc/npmrc")
        #expect(PathString.appending("n", to: "") == "n")
        #expect(PathString.appending("n", to: "/") == "/n")
    }
}
