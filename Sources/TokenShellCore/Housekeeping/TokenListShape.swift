/// What a token list's replies looked like, beyond their tokens.
public struct TokenListShape: Sendable, Equatable {
    /// The first page had a `total` field.
    public var hasTotal: Bool
    /// `urls.next` was there as an empty string (Verdaccio: `next: ''`, no pagination).
    public var nextIsEmptyString: Bool

    public init(hasTotal: Bool, nextIsEmptyString: Bool) {
        self.hasTotal = hasTotal
        self.nextIsEmptyString = nextIsEmptyString
    }

    /// One page, no `total`, `next` an empty string: how Verdaccio answers.
    public var looksLikeVerdaccio: Bool { !hasTotal && nextIsEmptyString }
}
