/// Splits one command line into words the way a POSIX shell does.
///
/// Whitespace separates words; single quotes are literal; double quotes allow `\"`, `\\`, `\$`
/// and `${NAME}`; a backslash outside quotes escapes the next character; `#` at the start of
/// a word begins a comment. `${NAME}` is the only expansion, and an undefined name is an
/// error rather than an empty string, because a silently empty token name or path does harm.
public enum Lexer {
    /// The words of `line` with `${NAME}` expanded through `variables`.
    ///
    /// Throws a usage error naming the column for unterminated quotes, a `${` without `}`,
    /// a bad variable name, or an undefined variable.
    public static func words(in line: String, variables: (String) -> String?) throws(ShellError) -> [Word] {
        let scan = scan(line)
        if let error = scan.error { throw error }
        var words: [Word] = []
        for scanned in scan.words {
            switch scanned.template.expand(variables) {
            case .success(let value):
                words.append(Word(value: value, raw: scanned.raw, range: scanned.range, template: scanned.template))
            case .failure(let undefined):
                throw undefined.shellError
            }
        }
        return words
    }

    /// Splits without expanding and without failing: what completion needs for a half-typed line.
    public static func scan(_ line: String) -> LexedLine {
        var scanner = Scanner(Array(line.unicodeScalars))
        scanner.run()
        return LexedLine(
            words: scanner.words, error: scanner.error, openQuote: scanner.openQuote,
            endsInWord: scanner.endsInWord)
    }
}

/// The result of scanning a line without expansion.
public struct LexedLine: Sendable, Equatable {
    /// Words as typed; `value` is the unexpanded text (references kept as `${NAME}`).
    public var words: [Word]
    /// The first syntax error, if any; words up to it are still reported.
    public var error: ShellError?
    /// The quote left open at the end of the line, if any.
    public var openQuote: Character?
    /// Whether the line ends inside a word (no whitespace after the last word).
    public var endsInWord: Bool
}

/// The state machine behind `Lexer`, one Unicode scalar at a time.
///
/// Scalars, not Characters: a quote followed by a combining mark is one grapheme cluster, and
/// scanning clusters would never see that quote (a POSIX shell reads bytes).
private struct Scanner {
    let chars: [Unicode.Scalar]
    var index = 0
    var words: [Word] = []
    var error: ShellError?
    var openQuote: Character?
    var endsInWord = false

    var template = WordTemplate()
    var literal = ""
    var wordStart: Int?

    init(_ chars: [Unicode.Scalar]) {
        self.chars = chars
    }

    mutating func run() {
        while index < chars.count, error == nil {
            let char = chars[index]
            switch char {
            case " ", "\t", "\n", "\r":
                finishWord()
                index += 1
            case "#" where wordStart == nil:
                index = chars.count
            case "'":
                begin()
                singleQuoted()
            case "\"":
                begin()
                doubleQuoted()
            case "\\":
                begin()
                guard index + 1 < chars.count else {
                    fail("the line ends with a backslash", "escape a literal backslash as \\\\ or quote it")
                    return
                }
                literal.unicodeScalars.append(chars[index + 1])
                index += 2
            case "$":
                begin()
                dollar()
            default:
                begin()
                literal.unicodeScalars.append(char)
                index += 1
            }
        }
        endsInWord = wordStart != nil
        finishWord()
    }

    mutating func begin() {
        if wordStart == nil { wordStart = index }
    }

    mutating func singleQuoted() {
        let start = index
        index += 1
        while index < chars.count, chars[index] != "'" {
            literal.unicodeScalars.append(chars[index])
            index += 1
        }
        guard index < chars.count else {
            openQuote = "'"
            fail(
                "unterminated single quote at column \(start + 1)",
                "close it with ' (inside single quotes nothing is special)")
            return
        }
        index += 1
    }

    mutating func doubleQuoted() {
        let start = index
        index += 1
        while index < chars.count, error == nil {
            let char = chars[index]
            if char == "\"" {
                index += 1
                return
            }
            if char == "\\", index + 1 < chars.count, ["\"", "\\", "$"].contains(chars[index + 1]) {
                literal.unicodeScalars.append(chars[index + 1])
                index += 2
            } else if char == "$" {
                dollar()
            } else {
                literal.unicodeScalars.append(char)
                index += 1
            }
        }
        if error == nil {
            openQuote = "\""
            fail("unterminated double quote at column \(start + 1)", "close it with \"")
        }
    }

    /// At a `$`: a `${NAME}` reference, or a literal dollar sign.
    mutating func dollar() {
        guard index + 1 < chars.count, chars[index + 1] == "{" else {
            literal.append("$")
            index += 1
            return
        }
        let start = index
        var end = index + 2
        while end < chars.count, chars[end] != "}" { end += 1 }
        guard end < chars.count else {
            fail(
                "`${` without a closing `}` at column \(start + 1)",
                "write ${NAME}, or quote a literal dollar sign as '$' or \\$")
            return
        }
        let name = String(String.UnicodeScalarView(chars[(start + 2)..<end]))
        guard Self.isVariableName(name) else {
            fail(
                "bad variable name '\(name)' at column \(start + 1)",
                "names are letters, digits and _, not starting with a digit, e.g. ${NPM_TOKEN}")
            return
        }
        flushLiteral()
        template.append(.variable(name))
        index = end + 1
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    mutating func flushLiteral() {
        template.append(.literal(literal))
        literal = ""
    }

    mutating func finishWord() {
        guard let start = wordStart else { return }
        flushLiteral()
        let end = min(index, chars.count)
        let raw = String(String.UnicodeScalarView(chars[start..<end]))
        words.append(Word(value: template.unexpandedText, raw: raw, range: start..<end, template: template))
        template = WordTemplate()
        wordStart = nil
    }

    mutating func fail(_ message: String, _ hint: String) {
        if error == nil { error = ShellError(.usage, message, hint: hint) }
        index = chars.count
    }
}

extension Lexer {
    /// Whether `name` may be used as `${NAME}` and in `set NAME=VALUE`.
    public static func isVariableName(_ name: String) -> Bool {
        Scanner.isVariableName(name)
    }
}
