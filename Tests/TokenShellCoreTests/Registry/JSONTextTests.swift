import Foundation
import Testing
import TokenShellCore

@Suite struct JSONTextTests {
    /// The exact text `JSON.stringify` writes for each kind of character (and DEL escaped, so
    /// JSON output cannot drive a terminal; see `TerminalTextTests` for C1 and bidi controls).
    @Test(arguments: [
        ("plain", #""plain""#), ("", #""""#), ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#),
        ("line\nbreak\r\t", #""line\nbreak\r\t""#), ("\u{08}\u{0C}", #""\b\f""#), ("\u{01}\u{1F}", #""\u0001\u001f""#),
        ("/path/é ✓ 🙂", #""/path/é ✓ 🙂""#), ("e\u{301}\"", "\"e\u{301}\\\"\""), ("\u{7F}", #""\u007f""#),
    ])
    func quotesAsJSONStringifyDoes(input: String, expected: String) {
        #expect(JSONText.quote(input) == expected)
        var appended = "x"
        JSONText.quote(input, into: &appended)
        #expect(appended == "x" + expected)
        var bytes = Array("x".utf8)
        JSONText.quote(input, into: &bytes)
        #expect(bytes == Array(("x" + expected).utf8))
    }

    /// Random strings mixing ASCII, escapes, control characters and multi-byte characters read
    /// back unchanged through both JSON parsers.
    @Test func randomStringsRoundTrip() throws {
        let alphabet: [Character] = [
            "a", "Z", "0", "\"", "\\", "\n", "\u{00}", "\u{1B}", "é", "e\u{301}", "🙂", "/", " ",
        ]
        let seed = TestSeed()
        var generator = seed.generator
        for _ in 0..<500 {
            let text = String(
                (0..<Int.random(in: 0..<24, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                })
            let quoted = JSONText.quote(text)
            var bytes: [UInt8] = []
            JSONText.quote(text, into: &bytes)
            #expect(bytes == Array(quoted.utf8), "\(seed)")
            #expect(RegistryJSON.parse(quoted)?.stringValue == text, "\(quoted); \(seed)")
            let decoded = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed)
            #expect(decoded as? String == text, "\(quoted); \(seed)")
        }
    }
}
