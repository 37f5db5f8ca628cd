/// Turns `token revoke` arguments into registry keys, against the listed tokens.
///
/// npm's rules: a unique key prefix names that key; several matches are ambiguous. A full token
/// is hashed locally into its key (`TokenKey`) so the secret never goes into a URL.
public enum RevokeResolver {
    /// What an argument names.
    public enum Target: Sendable, Equatable {
        /// A listed token's key: revoke it.
        case key(String)
        /// A full token whose sha512 key is not in the list: it is already revoked, a session
        /// token (npmjs does not list those), or the registry's keys are not sha512 keys.
        /// Revoking by this key may still work; the shell explains before trying.
        case unlistedToken(key: String)
    }

    /// Resolves one id, id prefix or full token.
    public static func resolve(_ argument: String, among tokens: [RegistryToken]) throws(RegistryError) -> Target {
        let id = RegistryPath.trimmed(argument)
        guard !id.isEmpty else {
            throw .usage("a token id is needed", hint: "`token list` shows the ids; `token revoke ID`")
        }
        if looksLikeFullToken(id, among: tokens) {
            let key = TokenKey.key(for: id)
            return tokens.contains { $0.key == key } ? .key(key) : .unlistedToken(key: key)
        }
        let matches = Set(tokens.map(\.key).filter { $0.hasPrefix(id) })
        switch matches.count {
        case 1: return .key(matches.first ?? id)
        case 0: throw .unknownTokenID(displayed(id))
        default: throw .ambiguousTokenID(id, matches: matches.count)
        }
    }

    /// The key of the one token named `name`.
    public static func resolve(name: String, among tokens: [RegistryToken]) throws(RegistryError) -> String {
        let keys = Set(tokens.filter { $0.name == name }.map(\.key))
        switch keys.count {
        case 1: return keys.first ?? name
        case 0: throw .unknownTokenID(name)
        default:
            throw .usage(
                "\(keys.count) tokens are named \"\(name)\"",
                hint: "revoke by id instead; `token list --filter \(name)` shows them")
        }
    }

    /// An `npm_` token, a legacy UUID, or anything longer than its listed masked prefix (npm's rule 2).
    static func looksLikeFullToken(_ id: String, among tokens: [RegistryToken]) -> Bool {
        if id.hasPrefix("npm_"), id.count >= 40 { return true }
        if isUUID(id) { return true }
        return tokens.contains { token in
            guard let masked = token.maskedToken else { return false }
            let visible = masked.prefix { $0 != "." && $0 != "\u{2026}" }
            return visible.count >= 4 && id.count > max(visible.count, 20) && id.hasPrefix(visible)
        }
    }

    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// An unknown argument for an error message: never a whole secret.
    static func displayed(_ id: String) -> String {
        id.count > 12 && (id.hasPrefix("npm_") || id.contains("-")) ? RegistryToken.mask(id) : id
    }
}
