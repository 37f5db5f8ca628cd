/// Userinfo (`user:password@`) in a URL is a credential: npm sends it as Basic auth to that
/// registry. It may go into requests to that registry, and nowhere else: every place that shows
/// or writes a URL (messages, the prompt, recorded scripts, the guide's state, history) uses
/// these forms.
extension RegistryURL {
    /// What stands in for a hidden password (or a lone user name, often a token).
    public static let redactionMark = "***"

    /// The normalised URL with the password hidden: `http://user:***@host/`.
    public var redacted: String {
        Self.redact(normalized)
    }

    /// The normalised URL with no userinfo at all: for text meant to be copied into a file
    /// (a CI step, an `.npmrc`), where even a hidden password has no business.
    public var withoutUserinfo: String {
        var copy = self
        copy.userinfo = nil
        return copy.normalized
    }

    /// Whether the userinfo is the redacted form written by `redacted` (as read back from a
    /// recorded script), not a real credential.
    public var hasRedactedUserinfo: Bool {
        guard let userinfo else { return false }
        return userinfo == Self.redactionMark || userinfo.hasSuffix(":" + Self.redactionMark)
    }

    /// The password part of the userinfo (after the first `:`), when there is a non-empty one.
    public var userinfoPassword: String? {
        guard let userinfo, let colon = userinfo.firstIndex(of: ":") else { return nil }
        let password = String(userinfo[userinfo.index(after: colon)...])
        return password.isEmpty || password == Self.redactionMark ? nil : password
    }

    /// `text` with the userinfo of every `scheme://userinfo@host` in it hidden: the password
    /// becomes `***` (`user:***@`), a userinfo without a password becomes `***@`, since a lone
    /// user name is often a token. Anything else is left as it was.
    ///
    /// Works on a bare URL as on a whole message, so one function serves both.
    public static func redact(_ text: String) -> String {
        guard text.contains("@"), text.contains("://") else { return text }
        var output = ""
        var rest = text[...]
        while let separator = rest.firstRange(of: "://") {
            output += rest[..<separator.upperBound]
            let authorityEnd = rest[separator.upperBound...].firstIndex(where: endsAuthority) ?? rest.endIndex
            let authority = rest[separator.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                let userinfo = authority[..<at]
                if let colon = userinfo.firstIndex(of: ":") {
                    output += userinfo[..<colon] + ":" + redactionMark
                } else {
                    output += redactionMark
                }
                output += authority[at...]
            } else {
                output += authority
            }
            rest = rest[authorityEnd...]
        }
        return output + rest
    }

    /// Where a URL's authority ends in running text: its path, query or fragment, or anything
    /// that cannot be part of it (white space, quotes, brackets of the prose around it).
    private static func endsAuthority(_ character: Character) -> Bool {
        "/\\?#`'\"<>()".contains(character) || character.isWhitespace
    }
}
