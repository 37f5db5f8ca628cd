/// Turns any `ShellError` into what the user reads: text for people, JSON with `--json`.
public enum ErrorRenderer {
    /// `error: message` and, when there is one, `hint: what to do next`, each on its own line.
    /// Messages quote registry replies, headers, URLs and paths: each is kept to its one line
    /// and shown without control characters (`TerminalText`).
    public static func text(_ error: ShellError, location: String? = nil) -> String {
        var text = (location.map { "\($0): " } ?? "") + "error: " + TerminalText.line(error.message) + "\n"
        if let hint = error.hint, !hint.isEmpty {
            text += "hint: " + TerminalText.line(hint) + "\n"
        }
        return text
    }

    /// `{"error":{"code":…,"message":…,"hint":…}}` on one line (design §3).
    public static func json(_ error: ShellError) -> String {
        var fields = [
            "\"code\":" + JSONText.quote(error.code),
            "\"message\":" + JSONText.quote(error.message),
        ]
        fields.append("\"hint\":" + (error.hint.map(JSONText.quote) ?? "null"))
        return "{\"error\":{" + fields.joined(separator: ",") + "}}\n"
    }
}
