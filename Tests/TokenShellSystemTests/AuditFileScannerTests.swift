import Foundation
import Testing
import TokenShellCore

@testable import TokenShellSystem

@Suite("Audit file scanner")
struct AuditFileScannerTests {
    @Test func parsesAddedLinesWithNewFileNumbers() {
        let log = """
            commit 2222222222222222222222222222222222222222
            diff --git a/ci.sh b/ci.sh
            deleted file mode 100644
            --- a/ci.sh
            +++ /dev/null
            @@ -1 +0,0 @@
            -export NPM_TOKEN=npm_x
            commit 1111111111111111111111111111111111111111
            diff --git a/ci.sh b/ci.sh
            --- /dev/null
            +++ b/ci.sh
            @@ -0,0 +4,2 @@
            +echo hello
            +export NPM_TOKEN=npm_x
            """
        let sources = GitRunner.parseLog(log, root: "/r")
        #expect(sources.count == 1)
        #expect(sources.first?.path == "ci.sh")
        #expect(sources.first?.location == .commit("1111111111111111111111111111111111111111"))
        #expect(sources.first?.lines == [AuditSource.Line(number: 5, text: "export NPM_TOKEN=npm_x")])
    }

    @Test func walksConfigFilesButNotNodeModulesOrGit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for sub in ["app", "node_modules/pkg", ".git"] {
            try FileManager.default.createDirectory(atPath: folder.file(sub), withIntermediateDirectories: true)
        }
        for name in ["app/.npmrc", "app/.env.local", ".yarnrc.yml", "node_modules/pkg/.npmrc", ".git/.env", "a.js"] {
            try folder.write(name, "x\n")
        }
        #expect(
            AuditFileScanner.configFiles(under: folder.path).sorted() == [
                ".yarnrc.yml", "app/.env.local", "app/.npmrc",
            ])
    }

    @Test func skipsBinariesAndLargeFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("text", "hello\n", mode: 0o640)
        try Data([0x41, 0x00, 0x42]).write(to: URL(fileURLWithPath: folder.file("binary")))
        try folder.write("large", String(repeating: "a", count: 2000))
        guard case .text(let text, let mode) = AuditFileScanner.readText(folder.file("text"), sizeLimit: 1000) else {
            Issue.record("text file not read")
            return
        }
        #expect(text == "hello\n")
        #expect(mode == 0o640)
        #expect(isSkipped(AuditFileScanner.readText(folder.file("binary"), sizeLimit: 1000)))
        #expect(isSkipped(AuditFileScanner.readText(folder.file("large"), sizeLimit: 1000)))
    }

    @Test func historyFilesOfBashZshAndFish() {
        let files = AuditFileScanner.historyFiles(
            home: "/h", environment: ["HISTFILE": "/h/custom_history", "XDG_DATA_HOME": "/d", "ZDOTDIR": "/z"])
        #expect(files.first == "/h/custom_history")
        #expect(files.contains("/h/.bash_history"))
        #expect(files.contains("/h/.zsh_history"))
        #expect(files.contains("/z/.zsh_history"))
        #expect(files.contains("/d/fish/fish_history"))
    }

    @Test func backUpIsPrivateAndRestrictIsSixHundred() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "secret\n", mode: 0o644)
        let scanner = AuditFileScanner(backupDirectory: folder.file("backups"))
        let backup = try scanner.backUp(folder.file(".npmrc"))
        #expect(try String(contentsOfFile: backup, encoding: .utf8) == "secret\n")
        #expect(scanner.permissions(atPath: backup) == 0o600)
        #expect(try scanner.backUp(folder.file(".npmrc")) != backup)
        try scanner.restrictToOwner(folder.file(".npmrc"))
        #expect(try folder.mode(".npmrc") == 0o600)
    }

    private func isSkipped(_ result: AuditFileScanner.ReadResult) -> Bool {
        if case .skipped = result { return true }
        return false
    }
}
