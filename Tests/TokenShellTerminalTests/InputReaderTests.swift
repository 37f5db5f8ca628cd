import Glibc
import Testing
import TokenShellTerminal

@Suite("InputReader")
struct InputReaderTests {
    /// Writes `text` into a pipe, closes the write end and returns the read end.
    private func pipe(containing text: String) throws -> Int32 {
        var fds: [Int32] = [0, 0]
        try #require(Glibc.pipe(&fds) == 0)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fds[1], $0.baseAddress, $0.count) }
        #expect(written == bytes.count)
        close(fds[1])
        return fds[0]
    }

    private func readAll(_ reader: InputReader) -> [LineEditorResult] {
        var results: [LineEditorResult] = []
        while true {
            let result = reader.readLine(prompt: "ignored> ")
            results.append(result)
            if result == .endOfFile { return results }
        }
    }

    @Test("lines, CRLF, an empty line and a last line without newline", arguments: [1, 4096])
    func lines(chunkSize: Int) throws {
        let fd = try pipe(containing: "token list\r\n\nhéllo ✓\nlast")
        defer { close(fd) }
        let results = readAll(InputReader(fileDescriptor: fd, chunkSize: chunkSize))
        #expect(results == [.line("token list"), .line(""), .line("héllo ✓"), .line("last"), .endOfFile])
    }

    /// A terminal's default; a pipe, which nothing else reads, gets blocks by default.
    @Test("byte-at-a-time reading leaves the rest of the input for the next reader")
    func leavesRestUnread() throws {
        let fd = try pipe(containing: "first\nsecond\n")
        defer { close(fd) }
        #expect(InputReader(fileDescriptor: fd, chunkSize: 1).readLine(prompt: "") == .line("first"))
        #expect(InputReader(fileDescriptor: fd, chunkSize: 1).readLine(prompt: "") == .line("second"))
    }

    @Test("security 07: a line over the limit is cut just past it and the rest of it skipped", arguments: [1, 7, 4096])
    func overlongLineIsCut(chunkSize: Int) throws {
        let fd = try pipe(
            containing: "ok\n" + String(repeating: "x", count: 100) + "\nnext\n" + String(repeating: "y", count: 50))
        defer { close(fd) }
        let results = readAll(InputReader(fileDescriptor: fd, chunkSize: chunkSize, lineLimit: 10))
        #expect(
            results == [
                .line("ok"), .line(String(repeating: "x", count: 11)), .line("next"),
                .line(String(repeating: "y", count: 11)), .endOfFile,
            ])
    }

    @Test("empty input is end of file at once")
    func emptyInput() throws {
        let fd = try pipe(containing: "")
        defer { close(fd) }
        #expect(InputReader(fileDescriptor: fd).readLine(prompt: "") == .endOfFile)
    }
}
