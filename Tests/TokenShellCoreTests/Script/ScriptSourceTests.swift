import Testing

@testable import TokenShellCore

@Suite struct ScriptSourceTests {
    @Test func splitsLinesAndDropsLineEnds() throws {
        let lines = try ScriptSource.lines(of: Array("whoami\r\nset A=1\n\ntoken list".utf8), source: "s")
        #expect(lines == ["whoami", "set A=1", "", "token list"])
        #expect(try ScriptSource.lines(of: Array("a\nb\n".utf8), source: "s") == ["a", "b"])
        #expect(try ScriptSource.lines(of: [], source: "s").isEmpty)
    }

    @Test func refusesANulByte() {
        let error = #expect(throws: ShellError.self) {
            try ScriptSource.lines(of: [0x77, 0x68, 0x00, 0x6F], source: "blob.bin")
        }
        #expect(error?.status == .usage)
        #expect(error?.message == "blob.bin is not a tokensh script: it holds binary data (a NUL byte at offset 2)")
    }

    @Test func refusesBytesThatAreNotUTF8() {
        let error = #expect(throws: ShellError.self) {
            try ScriptSource.lines(of: [0x77, 0xFF, 0xFE, 0x0A], source: "x")
        }
        #expect(error?.message.contains("not UTF-8 text") == true)
    }

    @Test func refusesAFileLargerThanAnyScript() {
        let bytes = [UInt8](repeating: 0x61, count: ScriptSource.sizeLimit + 1)
        #expect(throws: ShellError.self) { try ScriptSource.lines(of: bytes, source: "big") }
    }

    @Test(arguments: ["who\u{1B}[2Jami", "a\u{07}b", "bad \u{FFFD} byte", "x\u{7F}"])
    func refusesControlCharactersInALine(_ line: String) {
        var check = ScriptLineCheck(source: "stdin")
        let error = #expect(throws: ShellError.self) { try check.check(line, number: 3) }
        #expect(error?.message.contains("at line 3") == true)
    }

    @Test func acceptsTabsAndUnicodeText() throws {
        var check = ScriptLineCheck(source: "s")
        try check.check("set NAME=\"café\tbar\"", number: 1)
    }
}
