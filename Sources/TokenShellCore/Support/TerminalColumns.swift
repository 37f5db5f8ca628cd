/// How many terminal columns text takes, as `wcwidth` counts them, for tables that must fit.
///
/// A character (grapheme cluster) is never split: combining marks and emoji sequences go with
/// their base. East Asian wide and fullwidth characters and emoji shown as emoji take two
/// columns; zero-width spaces and joiners none; everything else one. Control characters are
/// not measured here: text is passed through `TerminalText` before it is laid out.
public enum TerminalColumns {
    /// Columns of `text`; ASCII, nearly every table cell, is counted by its bytes.
    public static func width(_ text: String) -> Int {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.count }
        return text.reduce(0) { $0 + width($1) }
    }

    public static func width(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains("\u{FE0F}") { return 2 }  // emoji presentation asked for
        if isZeroWidth(first) { return 0 }
        if first.properties.isEmojiPresentation || isWide(first.value) { return 2 }
        return 1
    }

    /// The longest start of `text` that fits in `columns` columns, and its width (which can be
    /// one less than `columns` when a wide character would not fit).
    public static func prefix(_ text: String, columns: Int) -> (text: Substring, width: Int) {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = width(text[index])
            guard used + next <= columns else { break }
            used += next
            end = text.index(after: index)
        }
        return (text[..<end], used)
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF: return true
        default:
            let category = scalar.properties.generalCategory
            return category == .nonspacingMark || category == .enclosingMark
        }
    }

    /// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth.txt, W and F), as glibc's
    /// `wcwidth` and terminals count them. Emoji are not listed: the emoji blocks mix wide
    /// (emoji presentation) and narrow (text presentation) characters, which
    /// `isEmojiPresentation` tells apart. Counting a narrow character as wide only shifts a
    /// column; counting a wide one as narrow wraps the row, so a block in doubt is listed.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DFF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            // Tangut, Khitan, Nushu, the kana supplements, enclosed ideographs (🈐, 🈂).
            0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CFF, 0x18D00...0x18D08, 0x1AFF0...0x1AFFE,
            0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            true
        default: false
        }
    }
}
