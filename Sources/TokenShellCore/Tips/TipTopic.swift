/// The topics `tips TOPIC` knows, in the order `tips` lists them.
public enum TipTopic: String, Sendable, CaseIterable {
    case storage
    case ci
    case leastPrivilege = "least-privilege"
    case expiry
    case twoFactor = "2fa"
    case trustedPublishing = "trusted-publishing"
    case leaked
    case npmrc
    case myths

    /// The names TAB completion offers and the usage error lists.
    public static var names: [String] { allCases.map(\.rawValue) }
}
