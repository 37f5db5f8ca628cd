import Foundation
import Testing
import TokenShellCore

@testable import TokenShellSystem

/// Config files are read only when they are regular files of at most 1 MiB: a FIFO must not hang the shell, a
/// link to a device must not exhaust memory.
@Suite struct ConfigReadLimitTests {
    static func message(reading path: String) -> String? {
        do {
            _ = try LocalFileSystem().contents(atPath: path)
            return nil
        } catch let error as ShellError {
            return error.message
        } catch {
            return "unexpected \(type(of: error))"
        }
    }

    @Test("security 10: a FIFO, a device, a folder and a large file are refused by name")
    func specialAndLargeFilesAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.file("fifo"), 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.file("zero"), withDestinationPath: "/dev/zero")
        try FileManager.default.createDirectory(atPath: folder.file("dir"), withIntermediateDirectories: false)
        try folder.write("large", String(repeating: "a=1\n", count: 300_000))
        try folder.write("fine", String(repeating: "a=1\n", count: 1000))
        #expect(Self.message(reading: folder.file("fifo"))?.contains("named pipe") == true)
        #expect(Self.message(reading: folder.file("zero"))?.contains("character device") == true)
        #expect(Self.message(reading: folder.file("dir"))?.contains("a folder") == true)
        #expect(Self.message(reading: folder.file("large"))?.contains("larger than 1 MiB") == true)
        #expect(Self.message(reading: folder.file("large"))?.hasPrefix(folder.file("large")) == true)
        #expect(Self.message(reading: folder.file("fine")) == nil)
        #expect(try LocalFileSystem().contents(atPath: folder.file("missing")) == nil)
    }
}
