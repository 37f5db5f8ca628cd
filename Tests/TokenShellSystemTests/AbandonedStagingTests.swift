import Foundation
import Testing

@testable import TokenShellSystem

/// A writer killed between staging and rename leaves `.NAME.tmp-XXXX` (`..npmrc.tmp-…`) behind; the next writer,
/// holding the lock, removes it and nothing else.
@Suite struct AbandonedStagingTests {
    @Test func theNextWriteRemovesWhatAKilledWriterLeft() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".npmrc", "a=1\n")
        try folder.write("..npmrc.tmp-3k9zq1", "a=1\npartial")
        try folder.write("..npmrc.tmp-notours!", "kept: not a name the writer makes")
        try folder.write("..yarnrc.tmp-3k9zq1", "kept: another file's staging")
        try AtomicFileWriter().update(path: folder.file(".npmrc")) { ($0 ?? "") + "b=2\n" }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["..npmrc.tmp-notours!", "..yarnrc.tmp-3k9zq1", ".npmrc"])
        #expect(try folder.read(".npmrc") == "a=1\nb=2\n")
    }
}
