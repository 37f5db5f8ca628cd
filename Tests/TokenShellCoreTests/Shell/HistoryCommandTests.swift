import Testing
import TokenShellCore

@Suite struct HistoryCommandTests {
    /// The shell holds its I/O as `any ShellIO`: the conformer's history must be what `history` reads.
    @Test("seams bug 1: history lists the entries the shell's I/O keeps")
    func historyListsTheEntriesOfTheIO() {
        let io = RecordingShellIO()
        io.historyEntries = ["help whoami", "whoami", "token list"]
        let shell = Shell(io: io, services: InMemoryServices(), options: ShellOptionsValues())
        #expect(shell.execute("history") == .success)
        #expect(io.outputText == "    1  help whoami\n    2  whoami\n    3  token list\n")
        io.outputs = []
        #expect(shell.execute("history 2") == .success)
        #expect(io.outputText == "    2  whoami\n    3  token list\n")
    }
}
