/// A token-shaped string found in one line, with the facts that set its severity.
public struct TokenMatch: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        /// `npm_` + 36 Base62 characters.
        case npm
        /// A UUID next to `_authToken` or the word npm: npm's pre-2021 tokens.
        case legacyUUID
    }

    /// The full token: used to compare and to fix, never printed.
    public var value: String
    public var shape: Shape
    /// The CRC32 tail checks out: a hint that the token is real, not an example.
    public var checksumMatches: Bool
    /// The line assigns it to a credential setting (`_authToken`, `npmAuthToken`, `NPM_TOKEN`, …).
    public var isAssignedToCredential: Bool

    public init(value: String, shape: Shape, checksumMatches: Bool, isAssignedToCredential: Bool) {
        self.value = value
        self.shape = shape
        self.checksumMatches = checksumMatches
        self.isAssignedToCredential = isAssignedToCredential
    }

    /// At most the first and last four characters (after `npm_`): `npm_AbCd...WxYz`.
    public var masked: String { NpmToken.masked(value) }

    /// Confident matches are `high`; a bare `npm_` string with a wrong checksum or a UUID that is
    /// only near the word npm may be an example, so `medium`.
    public var isConfident: Bool {
        switch shape {
        case .npm: checksumMatches || isAssignedToCredential
        case .legacyUUID: isAssignedToCredential
        }
    }
}
