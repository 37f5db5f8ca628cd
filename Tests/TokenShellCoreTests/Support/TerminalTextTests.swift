import Foundation
import Testing

@testable import TokenShellCore

/// What a hostile registry or file can put into text tokensh shows.
@Suite struct TerminalTextTests {
    typealias F = HousekeepingFixtures

    /// ESC, BEL, CSI (C1), CR, backspace, DEL, a right-to-left override and an isolate.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\r\u{08}x\u{7F}\u{202E}evil\u{2066}\u{2028}"

    /// Whether a terminal would act on something in `text` (newline and tab allowed or not).
    static func hasControls(_ text: String, newlines: Bool = false) -> Bool {
        text.unicodeScalars.contains { TerminalText.isUnsafe($0, keepingLineBreaks: newlines) }
            || text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && !(newlines && $0 == "\n") }
    }

    @Test("security 4: control characters become visible stand-ins")
    func controlsBecomeStandIns() {
        #expect(
            TerminalText.line(Self.hostile)
                == "^[]0;pwned^G^[[2J<U+009B>31m^M^Hx^?<U+202E>evil<U+2066><U+2028>")
        #expect(TerminalText.line("a\nb\tc") == "a^Jb\tc")
        #expect(TerminalText.lines("a\nb\r\n\tc\u{1B}") == "a\nb^M\n\tc^[")
        #expect(TerminalText.line("\u{00}\u{1F}\u{80}\u{9F}") == "^@^_<U+0080><U+009F>")
    }

    @Test("security 4: plain and non-ASCII text is shown as it is")
    func plainTextIsUnchanged() {
        for text in ["alice", "héllo wörld", "名前🙂", "e\u{301}", "«quoted» – “curly” …", "\u{A0}\u{2010}\u{2030}"] {
            #expect(TerminalText.line(text) == text)
        }
    }

    @Test("security 4: JSON escapes every control character, DEL, C1, separators and bidi controls")
    func jsonEscapesControls() throws {
        let quoted = JSONText.quote("a\u{00}\u{1B}\u{1F}\t\n\u{7F}\u{9B}\u{2028}\u{2029}\u{202E}\u{2069}é€\"\\")
        #expect(
            quoted
                == #""a\u0000\u001b\u001f\t\n\u007f\u009b\u2028\u2029\u202e\u2069é€\"\\""#)
        var bytes: [UInt8] = []
        JSONText.quote("x\u{9B}y\u{1B}", into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""x\u009by\u001b""#)
        // Any parser reads back the very string.
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(parsed == ["a\u{00}\u{1B}\u{1F}\t\n\u{7F}\u{9B}\u{2028}\u{2029}\u{202E}\u{2069}é€\"\\"])
        #expect(JSONText.quote("plain «text»") == #""plain «text»""#)
    }

    @Test("security 4: a hostile token name is cut into valid lines without control characters")
    func tableCellsAreClean() throws {
        let hostileName = String(repeating: "名前🙂é", count: 12) + "\\u001b]0;pwned\\u0007\\u009b2J\\r\\b\\u202e"
        let token = try F.granular(key: "abcdef123456", name: hostileName)
        let row = TokenRow(id: "abcdef", token: token)
        for width in [20, 33, 34, 35, 60, 80, 300] {
            let text = TokenTable(width: width, now: F.now).render([row])
            #expect(!Self.hasControls(text, newlines: true))
            for line in text.split(separator: "\n") {
                #expect(TerminalColumns.width(String(line)) <= width, "wide characters take two columns")
                #expect(String(validatingUTF8: String(line)) != nil)
            }
        }
        #expect(row.label.hasPrefix("abcdef (名前🙂é"))
        #expect(!Self.hasControls(row.label))
        #expect(!TokenShowHandler.lines(row, now: F.now).contains { Self.hasControls($0) })
    }
}
