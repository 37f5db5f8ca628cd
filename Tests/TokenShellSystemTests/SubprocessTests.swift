import Testing

@testable import TokenShellSystem

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
