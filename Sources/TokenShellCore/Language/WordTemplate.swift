/// One part of a word as typed: literal text, or a `${NAME}` reference.
public enum WordPiece: Sendable, Equatable {
    case literal(String)
    case variable(String)
}

/// A word before expansion: its literal parts and `${NAME}` references, quotes removed.
///
/// Recorded scripts keep `${NAME}` unexpanded, so the canonical line is rendered from this
/// template rather than from the expanded value whenever the word referred to a variable.
public struct WordTemplate: Sendable, Equatable {
    public private(set) var pieces: [WordPiece]

    public init(_ pieces: [WordPiece] = []) {
        self.pieces = []
        for piece in pieces { append(piece) }
    }

    /// A template of plain text, with no variable references.
    public static func literal(_ text: String) -> WordTemplate {
        WordTemplate([.literal(text)])
    }

    /// Whether any part is a `${NAME}` reference.
    public var hasVariables: Bool {
        pieces.contains { if case .variable = $0 { true } else { false } }
    }

    /// The names referred to, in order.
    public var variableNames: [String] {
        pieces.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }

    /// Appends a piece, merging adjacent literals so that equal words compare equal.
    public mutating func append(_ piece: WordPiece) {
        if case .literal(let text) = piece {
            if text.isEmpty { return }
            if case .literal(let previous) = pieces.last {
                pieces[pieces.count - 1] = .literal(previous + text)
                return
            }
        }
        pieces.append(piece)
    }

    /// The value with each reference replaced, or the first undefined name.
    public func expand(_ lookup: (String) -> String?) -> Result<String, UndefinedVariable> {
        var value = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): value += text
            case .variable(let name):
                guard let replacement = lookup(name) else { return .failure(UndefinedVariable(name: name)) }
                value += replacement
            }
        }
        return .success(value)
    }

    /// The text with every reference left as `${NAME}`, for display.
    public var unexpandedText: String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .variable(let name): "${\(name)}"
            }
        }.joined()
    }

    /// Splits `--flag=value` at the first `=` of a leading literal, so the value keeps its references.
    func split(atFirst separator: Character) -> (head: String, tail: WordTemplate)? {
        guard case .literal(let first) = pieces.first, let index = first.firstIndex(of: separator) else {
            return nil
        }
        var tail = WordTemplate.literal(String(first[first.index(after: index)...]))
        for piece in pieces.dropFirst() { tail.append(piece) }
        return (String(first[..<index]), tail)
    }
}

/// A `${NAME}` reference with no value in the shell's variables or the environment.
public struct UndefinedVariable: Error, Sendable, Equatable {
    public var name: String

    /// The user-facing error: what is missing and how to supply it.
    public var shellError: ShellError {
        ShellError(
            .usage, "undefined variable \(name)",
            hint: "set it with `set \(name)=VALUE` or export it before starting tokensh", code: "EUNDEFINEDVAR")
    }
}
