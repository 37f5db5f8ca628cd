/// A line that sets a credential to a literal value, by the syntax of its file kind.
///
/// This catches what has no token shape (a Verdaccio token, `_auth`, a password): the setting
/// tells that the value is a secret. Values with `${…}` come from the environment and are fine.
public struct CredentialLine: Sendable, Equatable {
    public var key: String
    public var value: String

    /// `.npmrc` keys (scoped `//host/:_authToken` or bare) that hold a secret.
    static let npmrcSuffixes = ["_authToken", "_auth", "_password"]
    /// `.yarnrc.yml` keys that hold a secret.
    static let yarnKeys = ["npmAuthToken", "npmAuthIdent"]
    /// Environment variables that npm setups use for a token.
    static let variableNames = ["NPM_TOKEN", "NODE_AUTH_TOKEN", "NPM_AUTH_TOKEN"]

    /// The credential `text` sets, for a file of `kind`; `nil` when it sets none or only a reference.
    public static func parse(_ text: String, kind: AuditSource.FileKind, isShellHistory: Bool = false)
        -> CredentialLine?
    {
        let line = text.trimmingSpaces
        guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix(";") else { return nil }
        switch kind {
        case .npmrc:
            guard let equals = line.firstIndex(of: "=") else { return nil }
            let key = String(line[..<equals]).trimmingSpaces
            guard npmrcSuffixes.contains(where: { key == $0 || key.hasSuffix(":" + $0) }) else { return nil }
            return literal(key: key, rawValue: String(line[line.index(after: equals)...]))
        case .yarnrc:
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = String(line[..<colon]).trimmingSpaces
            guard yarnKeys.contains(key) else { return nil }
            return literal(key: key, rawValue: String(line[line.index(after: colon)...]))
        case .env, .other:
            guard kind == .env || isShellHistory else { return nil }
            return variableAssignment(line)
        }
    }

    /// `NPM_TOKEN=value`, `export NPM_TOKEN=value` or fish's `set -x NPM_TOKEN value`, anywhere in the line.
    static func variableAssignment(_ line: String) -> CredentialLine? {
        for name in variableNames {
            guard let range = line.firstRange(of: name) else { continue }
            if range.lowerBound > line.startIndex {
                let before = line[line.index(before: range.lowerBound)]
                guard before == " " || before == "\t" || before == ";" else { continue }
            }
            let rest = line[range.upperBound...]
            if rest.hasPrefix("=") {
                let value = rest.dropFirst().prefix { $0 != " " && $0 != ";" && $0 != "\t" }
                if let found = literal(key: name, rawValue: String(value)) { return found }
            } else if rest.hasPrefix(" "), line.contains("set ") {
                let value = rest.drop { $0 == " " }.prefix { $0 != " " && $0 != ";" }
                if let found = literal(key: name, rawValue: String(value)) { return found }
            }
        }
        return nil
    }

    static func literal(key: String, rawValue: String) -> CredentialLine? {
        var value = rawValue.trimmingSpaces
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        guard !value.isEmpty, !value.contains("$"), value.count >= 8 else { return nil }
        return CredentialLine(key: key, value: value)
    }
}

extension String {
    var trimmingSpaces: String {
        let characters = drop { $0 == " " || $0 == "\t" }
        return String(characters.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
