import Testing
import TokenShellCore

@Suite struct ErrorRendererTests {
    @Test func textNamesTheErrorAndTheHint() {
        let error = ShellError(.unreachable, "could not connect to 127.0.0.1:9", hint: "check the registry URL")
        #expect(ErrorRenderer.text(error) == "error: could not connect to 127.0.0.1:9\nhint: check the registry URL\n")
        #expect(ErrorRenderer.text(error, location: "setup.tksh:3").hasPrefix("setup.tksh:3: error: "))
    }

    @Test func jsonEscapesAndKeepsTheSchema() {
        let error = ShellError(.usage, "bad \"value\"\n", code: "EUSAGE")
        #expect(
            ErrorRenderer.json(error) == #"{"error":{"code":"EUSAGE","message":"bad \"value\"\n","hint":null}}"# + "\n")
    }
}
