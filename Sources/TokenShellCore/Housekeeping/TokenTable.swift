#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `token list` table: aligned columns that fit the terminal, one line per token.
///
/// Rows never wrap: when the natural widths do not fit, the name, permission and CIDR columns
/// give up space first (their text is cut with `…`), and as a last resort every line is cut to
/// the width. A legend explains only the marks that appear.
public struct TokenTable: Sendable {
    public static let headers = ["ID", "NAME", "PERMISSIONS", "CIDR", "CREATED", "EXPIRES", "MARKS"]
    /// Columns that shrink, widest first, and how narrow they may get.
    static let flexible: [(column: Int, minimum: Int)] = [(1, 8), (2, 11), (3, 9)]
    static let gap = 2

    public var width: Int
    public var now: Date

    /// A terminal narrower than the narrowest layout gets every line cut to its width: a cut
    /// row still does not wrap.
    public init(width: Int, now: Date) {
        self.width = max(width, 1)
        self.now = now
    }

    /// The registry's text (names, CIDR ranges, unparsed dates) without control characters: a
    /// cell is one line, and cutting it cannot split an escape sequence since none is left.
    public func cells(_ row: TokenRow) -> [String] {
        let cells = [
            row.id, row.token.name ?? "-", row.permissionSummary,
            row.token.cidr.isEmpty ? "any" : row.token.cidr.joined(separator: ","), row.createdSummary,
            row.expirySummary(now: now), row.marks(now: now),
        ]
        return cells.map(TerminalText.line)
    }

    /// The table and its legend, each line ending in a newline.
    ///
    /// Each cell is built and measured once, and rows are assembled as bytes: for 1,000 tokens
    /// the table was a third of `token list`'s instructions when every pass recounted
    /// characters, re-read dates and grew strings piece by piece.
    public func render(_ rows: [TokenRow]) -> String {
        let body = rows.map(cells)
        let table = [Self.headers] + body
        let lengths = table.map { $0.map(Self.length) }
        let widths = columnWidths(lengths)
        var bytes: [UInt8] = []
        bytes.reserveCapacity((widths.reduce(0, +) + Self.gap * widths.count + 1) * table.count)
        for (cellsOfRow, lengthsOfRow) in zip(table, lengths) {
            appendLine(cellsOfRow, lengths: lengthsOfRow, widths: widths, to: &bytes)
        }
        var out = String(decoding: bytes, as: UTF8.self)
        let marks = Set(body.lazy.map { $0[$0.count - 1] }.joined())
        for legendLine in legend(count: rows.count, marks: marks) { out += Self.fit(legendLine, width: width) + "\n" }
        return out
    }

    /// Each column's width: its longest cell, then flexible columns shrunk until the table fits.
    func columnWidths(_ lengths: [[Int]]) -> [Int] {
        var widths = Self.headers.indices.map { column in lengths.map { $0[column] }.max() ?? 0 }
        var total: Int { widths.reduce(0, +) + Self.gap * (widths.count - 1) }
        while total > width {
            let candidates = Self.flexible.filter { widths[$0.column] > $0.minimum }
            guard let widest = candidates.max(by: { widths[$0.column] < widths[$1.column] }) else { break }
            widths[widest.column] -= 1
        }
        return widths
    }

    /// One row padded to `widths`, without trailing spaces, cut to the terminal width, and a newline.
    func appendLine(_ cells: [String], lengths: [Int], widths: [Int], to out: inout [UInt8]) {
        let start = out.count
        var length = 0
        var padding = 0
        for (index, cell) in cells.enumerated() {
            // Padding is written only once something follows it.
            if lengths[index] > 0 {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
                length += padding
                padding = 0
            }
            let shown = min(lengths[index], widths[index])
            if lengths[index] <= widths[index] {
                out.append(contentsOf: cell.utf8)
            } else {
                out.append(contentsOf: Self.fit(cell, width: widths[index], length: lengths[index]).utf8)
            }
            length += shown
            padding += widths[index] - shown + Self.gap
        }
        while out.count > start, out.last == UInt8(ascii: " ") {
            out.removeLast()
            length -= 1
        }
        if length > width {
            let line = Self.fit(String(decoding: out[start...], as: UTF8.self), width: width)
            out.removeSubrange(start...)
            out.append(contentsOf: line.utf8)
        }
        out.append(UInt8(ascii: "\n"))
    }

    func legend(count: Int, marks: Set<Character>) -> [String] {
        let meanings: [(Character, String)] = [
            ("X", "expired"), ("!", "expires within \(TokenRow.soonDays) days"), ("W", "write access"),
            ("B", "bypasses 2FA"), ("*", "no CIDR restriction"),
        ]
        let items = meanings.filter { marks.contains($0.0) }.map { "\($0.0) \($0.1)" }
        var lines = ["\(count) token\(count == 1 ? "" : "s")"]
        var current = "marks:"
        for (index, item) in items.enumerated() {
            let piece = item + (index == items.count - 1 ? "" : ",")
            if Self.length(current) + 1 + Self.length(piece) > width, current != "marks:" {
                lines.append(current)
                current = " "
            }
            current += " " + piece
        }
        if !items.isEmpty { lines.append(current) }
        return lines
    }

    /// Terminal columns of `text`: a wide character (CJK, emoji) takes two.
    static func length(_ text: String) -> Int {
        TerminalColumns.width(text)
    }

    /// `text` cut to `width` columns, ending in `…` when cut; `length` when already known.
    /// Cuts fall between characters, never inside one; when a wide character does not fit, a
    /// space takes its last column so the next column stays aligned.
    static func fit(_ text: String, width: Int, length: Int? = nil) -> String {
        let length = length ?? Self.length(text)
        guard length > width else { return text }
        let kept = width > 1 ? width - 1 : width
        let ellipsis = width > 1 ? "…" : ""
        // ASCII (its width equals its bytes) is cut by bytes rather than by characters.
        if length == text.utf8.count {
            return String(decoding: text.utf8.prefix(kept), as: UTF8.self) + ellipsis
        }
        let (cut, used) = TerminalColumns.prefix(text, columns: kept)
        return String(cut) + ellipsis + String(repeating: " ", count: kept - used)
    }
}
