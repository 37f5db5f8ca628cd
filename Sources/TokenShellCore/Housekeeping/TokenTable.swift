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

    public init(width: Int, now: Date) {
        self.width = max(width, 20)
        self.now = now
    }

    public func cells(_ row: TokenRow) -> [String] {
        [
            row.id, row.token.name ?? "-", row.permissionSummary,
            row.token.cidr.isEmpty ? "any" : row.token.cidr.joined(separator: ","), row.createdSummary,
            row.expirySummary(now: now), row.marks(now: now),
        ]
    }

    /// The table and its legend, each line ending in a newline.
    public func render(_ rows: [TokenRow]) -> String {
        let table = [Self.headers] + rows.map(cells)
        let widths = columnWidths(table)
        var out = ""
        for cellsOfRow in table {
            out += Self.fit(line(cellsOfRow, widths: widths), width: width) + "\n"
        }
        for legendLine in legend(rows) { out += Self.fit(legendLine, width: width) + "\n" }
        return out
    }

    func columnWidths(_ table: [[String]]) -> [Int] {
        var widths = Self.headers.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        var total: Int { widths.reduce(0, +) + Self.gap * (widths.count - 1) }
        while total > width {
            let candidates = Self.flexible.filter { widths[$0.column] > $0.minimum }
            guard let widest = candidates.max(by: { widths[$0.column] < widths[$1.column] }) else { break }
            widths[widest.column] -= 1
        }
        return widths
    }

    func line(_ cells: [String], widths: [Int]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            let cut = Self.fit(cell, width: widths[index])
            let isLast = index == cells.count - 1
            text += isLast ? cut : cut + String(repeating: " ", count: widths[index] - cut.count + Self.gap)
        }
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    func legend(_ rows: [TokenRow]) -> [String] {
        let marks = Set(rows.flatMap { $0.marks(now: now) })
        let meanings: [(Character, String)] = [
            ("X", "expired"), ("!", "expires within \(TokenRow.soonDays) days"), ("W", "write access"),
            ("B", "bypasses 2FA"), ("*", "no CIDR restriction"),
        ]
        let items = meanings.filter { marks.contains($0.0) }.map { "\($0.0) \($0.1)" }
        var lines = ["\(rows.count) token\(rows.count == 1 ? "" : "s")"]
        var current = "marks:"
        for (index, item) in items.enumerated() {
            let piece = item + (index == items.count - 1 ? "" : ",")
            if current.count + 1 + piece.count > width, current != "marks:" {
                lines.append(current)
                current = " "
            }
            current += " " + piece
        }
        if !items.isEmpty { lines.append(current) }
        return lines
    }

    /// `text` cut to `width` characters, ending in `…` when cut.
    static func fit(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        return String(text.prefix(width - 1)) + "…"
    }
}
