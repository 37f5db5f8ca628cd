/// One shell word of a command line: its expanded value and the text exactly as typed.
///
/// The recorder needs the typed form (with `${NAME}` unexpanded) and completion needs the
/// source range of the word under the cursor, so both travel with the value.
public struct Word: Sendable, Equatable {
    /// The value after quote removal and variable expansion.
    public var value: String
    /// The source text of the word, quotes and `${NAME}` as typed.
    public var raw: String
    /// Unicode scalar offsets of `raw` in the line (0-based, end exclusive).
    public var range: Range<Int>
    /// Literal parts and variable references, quotes removed.
    public var template: WordTemplate

    public init(value: String, raw: String, range: Range<Int>, template: WordTemplate) {
        self.value = value
        self.raw = raw
        self.range = range
        self.template = template
    }

    /// A word made from plain text, as a wizard or a test supplies it.
    public init(_ text: String) {
        self.init(value: text, raw: text, range: 0..<text.unicodeScalars.count, template: .literal(text))
    }
}
