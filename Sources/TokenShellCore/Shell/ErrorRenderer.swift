/// Turns any `ShellError` into what the user reads: text for people, JSON with `--json`.
///
/// Every rendered message and hint goes through a `SecretMask`: errors quote input, and input
/// can hold an expanded secret or a URL with a password.
public enum ErrorRenderer {
    /// `error: message` and, when there is one, `hint: what to do next`, each on its own line.
    /// Messages quote registry replies, headers, URLs and paths: each is kept to its one line
    /// and shown without control characters (`TerminalText`), after secrets are masked.
    public static func text(_ error: ShellError, location: String? = nil, mask: SecretMask = SecretMask(secrets: []))
        -> String
    {
        var text = (location.map { "\($0): " } ?? "") + "error: " + TerminalText.line(mask.apply(error.message)) + "\n"
        if let hint = error.hint, !hint.isEmpty {
            text += "hint: " + TerminalText.line(mask.apply(hint)) + "\n"
        }
        return text
    }

    /// `message (hint)` on one line, for a problem reported in passing (an answer a question
    /// asks again, a step the guide offers to retry).
    public static func inline(_ error: ShellError, mask: SecretMask = SecretMask(secrets: [])) -> String {
        TerminalText.line(mask.apply(error.message + (error.hint.map { " (\($0))" } ?? "")))
    }

    /// `{"error":{"code":…,"message":…,"hint":…}}` on one line (design §3).
    public static func json(_ error: ShellError, mask: SecretMask = SecretMask(secrets: [])) -> String {
        var fields = [
            "\"code\":" + JSONText.quote(error.code),
            "\"message\":" + JSONText.quote(mask.apply(error.message)),
        ]
        fields.append("\"hint\":" + (error.hint.map { JSONText.quote(mask.apply($0)) } ?? "null"))
        return "{\"error\":{" + fields.joined(separator: ",") + "}}\n"
    }
}
