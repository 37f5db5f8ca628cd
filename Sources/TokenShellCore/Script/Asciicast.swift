/// The lines of an asciicast v2 file (asciinema's format): a header object, then one
/// `[seconds, "o", text]` event per write to the terminal.
///
/// Pure text building, so the executable only supplies the clock and the file: what is written,
/// and that every secret is masked before it is, can be tested without a terminal.
public enum Asciicast {
    /// The header line: format version, terminal size, when the recording started, and the
    /// `TERM` and `SHELL` a player uses to pick its emulation.
    public static func header(
        width: Int, height: Int, timestamp: Int, term: String?, shell: String?, title: String
    ) -> String {
        var environment: [String] = []
        if let shell { environment.append("\"SHELL\":\(JSONText.quote(shell))") }
        if let term { environment.append("\"TERM\":\(JSONText.quote(term))") }
        return "{\"version\":2,\"width\":\(max(width, 1)),\"height\":\(max(height, 1)),"
            + "\"timestamp\":\(timestamp),\"env\":{\(environment.joined(separator: ","))},"
            + "\"title\":\(JSONText.quote(title))}\n"
    }

    /// One output event. `text` is what the program wrote; line ends become `\r\n`, as the
    /// terminal's own output processing turns them, so a player draws each line at column 0.
    public static func outputEvent(at seconds: Double, _ text: String) -> String {
        "[\(time(seconds)),\"o\",\(JSONText.quote(terminalLineEnds(text)))]\n"
    }

    /// Seconds with microseconds, never negative: `12.000345`.
    static func time(_ seconds: Double) -> String {
        let micros = Int((max(seconds, 0) * 1_000_000).rounded())
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    static func terminalLineEnds(_ text: String) -> String {
        guard text.contains("\n") else { return text }
        var out = ""
        var previous: Character?
        for character in text {
            // "\r\n" is one Character in Swift: it is already a terminal line end.
            if character == "\n", previous != "\r" { out += "\r\n" } else { out.append(character) }
            previous = character
        }
        return out
    }
}
