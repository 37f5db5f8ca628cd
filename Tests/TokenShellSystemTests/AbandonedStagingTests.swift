import Foundation
import Testing

@testable import TokenShellSystem

/// A writer killed between staging and rename leaves `.NAME.tmp-PID-XXXX` (`..npmrc.tmp-…`) behind, often holding
/// a token; the next writer removes what is its own and abandoned, and nothing else.
@Suite struct AbandonedStagingTests {
    /// Far above any `pid_max`, so `kill(pid, 0)` says no such process.
    static let deadPID = "99999999"

    @Test("security 14: the next write removes what a killed writer left, and only that")
    func theNextWriteRemovesWhatAKilledWriterLeft() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "a=1\n")
        try folder.write("..npmrc.tmp-\(Self.deadPID)-3k9zq1", "//h/:_authToken=npm_partial")
        try folder.write("..npmrc.tmp-\(getppid())-3k9zq2", "kept: its writer is alive")
        try folder.write("..npmrc.tmp-notours!", "kept: not a name the writer makes")
        try folder.write("..yarnrc.tmp-\(Self.deadPID)-3k9zq1", "kept: another file's staging")
        try FileManager.default.createDirectory(
            atPath: folder.file("..npmrc.tmp-\(Self.deadPID)-dir1"), withIntermediateDirectories: false)
        try folder.writer().update(path: folder.file(".npmrc")) { ($0 ?? []) + Array("b=2\n".utf8) }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(
            names == [
                "..npmrc.tmp-\(getppid())-3k9zq2", "..npmrc.tmp-\(Self.deadPID)-dir1", "..npmrc.tmp-notours!",
                "..yarnrc.tmp-\(Self.deadPID)-3k9zq1", ".npmrc",
            ])
        #expect(try folder.read(".npmrc") == "a=1\nb=2\n")
    }

    @Test("security 14: a temporary file names its writer's process, and audit finds every one")
    func stagingNamesCarryTheProcess() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staged = try StagedFile(target: folder.file(".npmrc"), contents: Array("x=1\n".utf8), mode: 0o600)
        defer { staged.discard() }
        let name = (staged.temporaryPath as NSString).lastPathComponent
        #expect(StagedFile.stagingProcess(name, for: ".npmrc") == getpid())
        #expect(StagedFile.targetName(ofStaging: name) == ".npmrc")
        #expect(StagedFile.targetName(ofStaging: ".npmrc") == nil)
        #expect(StagedFile.abandoned(nextTo: folder.file(".npmrc")).isEmpty)
        #expect(StagedFile.stagingFiles(nextTo: folder.file(".npmrc")) == [staged.temporaryPath])
    }
}
