/// Wraps prose to a terminal width, for help text.
public enum TextWrapper {
    /// `text` wrapped at `width` columns, every line prefixed by `indent` (the first by `firstIndent`).
    ///
    /// Words longer than a line stay whole: breaking a flag name or URL would make it wrong.
    public static func wrap(_ text: String, width: Int, indent: String = "", firstIndent: String? = nil) -> [String] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        return wrap(items: words, width: width, indent: indent, firstIndent: firstIndent)
    }

    /// Like `wrap(_:width:)`, but each item (such as `[--cidr CIDRS]`) stays on one line.
    public static func wrap(items: [String], width: Int, indent: String = "", firstIndent: String? = nil) -> [String] {
        var lines: [String] = []
        var current = firstIndent ?? indent
        var currentHasWord = false
        for word in items {
            let candidate = currentHasWord ? current + " " + word : current + word
            if currentHasWord, candidate.count > width {
                lines.append(current)
                current = indent + word
            } else {
                current = candidate
            }
            currentHasWord = true
        }
        if currentHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Two columns: `left` padded to `column`, `right` wrapped beside it, or below when too narrow.
    public static func columns(_ left: String, _ right: String, column: Int, width: Int, indent: String = "  ")
        -> [String]
    {
        let padding = String(repeating: " ", count: indent.count + column + 2)
        let head = indent + left
        let roomy = width - padding.count >= 20
        if roomy, head.count + 2 <= padding.count {
            let first = head + String(repeating: " ", count: padding.count - head.count)
            return wrap(right, width: width, indent: padding, firstIndent: first)
        }
        let below = roomy ? padding : indent + "    "
        return [head] + wrap(right, width: width, indent: below)
    }
}
