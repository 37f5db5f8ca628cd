/// What `--state FILE` persists: accounts and tokens (packages stay in memory).
struct SandboxState: Codable, Sendable {
    static let formatVersion = 1

    var version: Int = SandboxState.formatVersion
    var flavor: SandboxConfiguration.Flavor
    var users: [String: SandboxUser] = [:]
    /// In creation order, which is also list order.
    var tokens: [StoredToken] = []
}
