/// npm's `${NAME}` replacement in `.npmrc` keys and values (`@npmcli/config` `env-replace.js`).
///
/// It must match npm to the character: an undefined variable stays literal (npm then sends
/// `${NPM_TOKEN}` as the token), an odd run of backslashes before `$` escapes the expression and
/// half the backslashes are consumed.
public enum EnvInterpolation {
    /// Replaces every `${NAME}` with `environment[NAME]`.
    ///
    /// - Parameter optionalModifier: `${NAME?}` gives an empty string when `NAME` is unset, as
    ///   npm 11 and the current npmrc docs do. npm 10.8.2 predates it and leaves `${NAME?}`
    ///   literal; pass `false` to read exactly as that version does.
    public static func expand(
        _ text: String, environment: [String: String], optionalModifier: Bool = true
    ) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let match = matchExpression(in: scalars, at: index, optionalModifier: optionalModifier) {
                let original = String.UnicodeScalarView(scalars[index..<match.end])
                let escapes = match.backslashes
                if escapes % 2 == 1 {
                    out.append(contentsOf: original.dropFirst((escapes + 1) / 2))
                } else {
                    out.append(contentsOf: String(repeating: "\\", count: escapes / 2).unicodeScalars)
                    let fallback = match.optional ? "" : "${" + match.name + "}"
                    out.append(contentsOf: (environment[match.name] ?? fallback).unicodeScalars)
                }
                index = match.end
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// The variable names a text refers to with `${NAME}` (unescaped), in order.
    public static func references(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var names: [String] = []
        var index = 0
        while index < scalars.count {
            if let match = matchExpression(in: scalars, at: index, optionalModifier: true) {
                if match.backslashes % 2 == 0 { names.append(match.name) }
                index = match.end
            } else {
                index += 1
            }
        }
        return names
    }

    private struct Match {
        var backslashes: Int
        var name: String
        var optional: Bool
        var end: Int
    }

    /// `/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/` anchored at `start`.
    private static func matchExpression(
        in scalars: [Unicode.Scalar], at start: Int, optionalModifier: Bool
    ) -> Match? {
        if start > 0, scalars[start - 1] == "\\" {
            return nil
        }
        var index = start
        while index < scalars.count, scalars[index] == "\\" {
            index += 1
        }
        let backslashes = index - start
        guard index + 1 < scalars.count, scalars[index] == "$", scalars[index + 1] == "{" else { return nil }
        index += 2
        var name = String.UnicodeScalarView()
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "$" || scalar == "{" || scalar == "}" || (optionalModifier && scalar == "?") {
                break
            }
            name.append(scalar)
            index += 1
        }
        guard !name.isEmpty, index < scalars.count else { return nil }
        var optional = false
        if optionalModifier, scalars[index] == "?" {
            optional = true
            index += 1
        }
        guard index < scalars.count, scalars[index] == "}" else { return nil }
        return Match(backslashes: backslashes, name: String(name), optional: optional, end: index + 1)
    }
}
