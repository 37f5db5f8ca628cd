/// Quotes words so the lexer (and a POSIX shell) reads them back unchanged.
public enum ShellQuoting {
    /// Characters that never need quoting.
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-")
    /// The same set as a table indexed by ASCII byte: completion quotes thousands of candidates
    /// per TAB, and a byte lookup is far cheaper than hashing `Character`s.
    private static let safeASCII: [Bool] = (0..<128).map { byte in
        safe.contains(Character(Unicode.Scalar(UInt8(byte))))
    }

    /// `word` as is when it is safe, otherwise in single quotes (a `'` becomes `'\''`).
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.utf8.allSatisfy({ $0 < 128 && safeASCII[Int($0)] }) { return word }
        return "'" + word.replacingAll("'", with: "'\\''") + "'"
    }

    /// A template with its `${NAME}` references kept, the literal parts quoted.
    ///
    /// Double quotes are used when a reference must stay live inside a quoted word.
    public static func quote(_ template: WordTemplate) -> String {
        guard template.hasVariables else { return quote(template.unexpandedText) }
        let needsQuotes = template.pieces.contains { piece in
            if case .literal(let text) = piece { text.contains { !safe.contains($0) } } else { false }
        }
        let body = template.pieces.map { piece in
            switch piece {
            case .variable(let name): "${\(name)}"
            case .literal(let text):
                needsQuotes
                    ? text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll(
                        "$", with: "\\$")
                    : text
            }
        }.joined()
        return needsQuotes ? "\"" + body + "\"" : body
    }
}

extension String {
    /// Replaces every occurrence of one character, without Foundation.
    /// By Unicode scalar, as the lexer reads: a `'` followed by a combining mark is one
    /// Character, and comparing Characters would leave that quote unescaped.
    fileprivate func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == target { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
