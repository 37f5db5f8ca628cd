import Foundation
import Testing
import TokenShellCore

@testable import TokenShellSystem

@Suite struct AtomicFileWriterTests {
    @Test func newUserConfigIsCreatedPrivate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = try folder.writer().update(path: folder.file(".npmrc")) { old in
            #expect(old == nil)
            return Array("k=v\n".utf8)
        }
        #expect(outcome.action == .written)
        #expect(try folder.read(".npmrc") == "k=v\n")
        #expect(try folder.mode(".npmrc") == 0o600)
    }

    @Test func looserExistingFileIsReportedAndTightened() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "a=1\n", mode: 0o644)
        let outcome = try folder.writer().update(path: folder.file(".npmrc")) { ($0 ?? []) + Array("b=2\n".utf8) }
        #expect(outcome.wasLooserThanPrivate)
        #expect(outcome.previousMode == 0o644)
        #expect(try folder.mode(".npmrc") == 0o600)
        #expect(try folder.read(".npmrc") == "a=1\nb=2\n")
    }

    @Test func projectFileKeepsItsMode() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "a=1\n", mode: 0o664)
        try folder.writer(.projectFile).update(path: folder.file(".npmrc")) { _ in Array("a=2\n".utf8) }
        #expect(try folder.mode(".npmrc") == 0o664)
    }

    @Test func symlinkIsWrittenThroughToItsTarget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("dotfiles"), withIntermediateDirectories: true)
        try folder.write("dotfiles/npmrc", "a=1\n")
        try FileManager.default.createSymbolicLink(atPath: folder.file(".npmrc"), withDestinationPath: "dotfiles/npmrc")
        let outcome = try folder.writer().update(path: folder.file(".npmrc")) { ($0 ?? []) + Array("b=2\n".utf8) }
        #expect(outcome.resolvedPath == folder.file("dotfiles/npmrc"))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.file(".npmrc"))
        #expect(link == "dotfiles/npmrc")
        #expect(try folder.read("dotfiles/npmrc") == "a=1\nb=2\n")
    }

    @Test func emptyResultDeletesTheFileUnlessTurnedOff() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "a=1\n")
        let outcome = try folder.writer().update(path: folder.file(".npmrc")) { _ in Array("\n".utf8) }
        #expect(outcome.action == .deleted)
        #expect(!FileManager.default.fileExists(atPath: folder.file(".npmrc")))

        try folder.write("keep", "a=1\n")
        let keep = folder.writer(.init(deleteIfEmpty: false))
        try keep.update(path: folder.file("keep")) { _ in [] }
        #expect(try folder.read("keep") == "")
    }

    @Test func unchangedContentTouchesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "a=1\n", mode: 0o644)
        let outcome = try folder.writer().update(path: folder.file(".npmrc")) { $0 }
        #expect(outcome.action == .unchanged)
        #expect(try folder.mode(".npmrc") == 0o644)
    }

    @Test func crashBeforeRenameLeavesTheOldFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "old=1\n")
        let staged = try StagedFile(target: folder.file(".npmrc"), contents: Array("new=1\n".utf8), mode: 0o600)
        // The process "dies" here: no rename.
        #expect(try folder.read(".npmrc") == "old=1\n")
        #expect(FileManager.default.fileExists(atPath: staged.temporaryPath))
        staged.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".npmrc"])
    }

    @Test func failingTransformLeavesTheFileAlone() throws {
        struct Boom: Error {}
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "a=1\n")
        #expect(throws: Boom.self) {
            try folder.writer().update(path: folder.file(".npmrc")) { _ in throw Boom() }
        }
        #expect(try folder.read(".npmrc") == "a=1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".npmrc"])
    }

    @Test func concurrentWritersLoseNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file(".npmrc")
        try folder.write(".npmrc", "# shared\n")
        let writers = 16
        let writer = folder.writer()
        DispatchQueue.concurrentPerform(iterations: writers) { index in
            for round in 0..<5 {
                _ = try? writer.update(path: path) { old in
                    var document = NpmrcDocument(bytes: old ?? [])
                    document.set("key-\(index)-\(round)", to: "value")
                    return document.bytes
                }
            }
        }
        let document = NpmrcDocument(parsing: try folder.read(".npmrc"))
        #expect(document.entries.count == writers * 5)
        #expect(try folder.read(".npmrc").hasPrefix("# shared\n"))
    }
}
