#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where the guide stands: which steps ran or were skipped, what was chosen, and the command
/// lines it ran (for the script it offers at the end).
///
/// Kept as JSON under the XDG state folder so that `guide` resumes where it stopped, even in a
/// new shell. It holds no secret: the lines are canonical lines, which never carry one.
public struct GuideProgress: Sendable, Equatable, Codable {
    /// How a step ended.
    public enum Outcome: String, Sendable, Codable {
        case done
        case skipped
    }

    /// How the registry was chosen: decides what a resumed guide must do again.
    public enum RegistryChoice: String, Sendable, Codable {
        /// The registry the shell already used.
        case current
        /// A URL given to the guide, switched to with `registry URL`.
        case url
        /// A practice registry the guide started (gone when the shell that started it ends).
        case practice
    }

    public static let currentVersion = 1

    public var version = Self.currentVersion
    public var outcomes: [GuideStep: Outcome] = [:]
    /// The canonical lines of the commands that succeeded, in order.
    public var lines: [String] = []
    public var registryChoice: RegistryChoice?
    public var registry: String?
    public var tokenName: String?
    /// The `--save` value the token was created with (e.g. `file:~/.config/tokensh/ci.token`).
    public var tokenSave: String?
    public var loginType: String?
    public var finished = false

    public init() {}

    /// The first step neither done nor skipped; nil when every step is.
    public var nextStep: GuideStep? {
        GuideStep.allCases.first { outcomes[$0] == nil }
    }

    /// Whether anything happened yet (a resumed guide says where it carries on).
    public var hasStarted: Bool { !outcomes.isEmpty }

    /// Notes how `step` ended and, when it ran a command worth replaying, its line.
    public mutating func finish(_ step: GuideStep, _ outcome: Outcome, line: String? = nil) {
        outcomes[step] = outcome
        if outcome == .done, let line, !line.isEmpty { lines.append(line) }
        if nextStep == nil { finished = true }
    }

    /// Forgets `step` (and so makes it the next one), e.g. a practice registry that is gone.
    public mutating func reopen(_ step: GuideStep) {
        outcomes[step] = nil
        finished = false
    }

    /// Whether the token was saved to a file of its own.
    public var savedTokenFile: String? {
        guard outcomes[.createToken] == .done, let save = tokenSave, save.hasPrefix("file:") else { return nil }
        return String(save.dropFirst(5))
    }

    /// The keyring name the token was saved under.
    public var savedKeyringName: String? {
        guard outcomes[.createToken] == .done, let save = tokenSave, save.hasPrefix("keyring:") else { return nil }
        return String(save.dropFirst("keyring:".count))
    }

    /// The JSON of the progress file.
    public func serialized() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a progress file; nil for text that is not one (or from a future version), so a
    /// damaged file starts the guide afresh instead of failing it.
    public init?(serialized text: String) {
        guard let decoded = try? JSONDecoder().decode(GuideProgress.self, from: Data(text.utf8)),
            decoded.version == Self.currentVersion
        else { return nil }
        self = decoded
    }

    enum CodingKeys: String, CodingKey {
        case version, outcomes, lines, registryChoice, registry, tokenName, tokenSave, loginType, finished
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        let raw = try container.decodeIfPresent([String: Outcome].self, forKey: .outcomes) ?? [:]
        for (name, outcome) in raw {
            if let step = GuideStep(rawValue: name) { outcomes[step] = outcome }
        }
        lines = try container.decodeIfPresent([String].self, forKey: .lines) ?? []
        registryChoice = try container.decodeIfPresent(RegistryChoice.self, forKey: .registryChoice)
        registry = try container.decodeIfPresent(String.self, forKey: .registry)
        tokenName = try container.decodeIfPresent(String.self, forKey: .tokenName)
        tokenSave = try container.decodeIfPresent(String.self, forKey: .tokenSave)
        loginType = try container.decodeIfPresent(String.self, forKey: .loginType)
        finished = try container.decodeIfPresent(Bool.self, forKey: .finished) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        let raw = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.key.rawValue, $0.value) })
        try container.encode(raw, forKey: .outcomes)
        try container.encode(lines, forKey: .lines)
        try container.encodeIfPresent(registryChoice, forKey: .registryChoice)
        // The file outlives the session: a password in the registry URL is never written.
        try container.encodeIfPresent(registry.map(RegistryURL.redact), forKey: .registry)
        try container.encodeIfPresent(tokenName, forKey: .tokenName)
        try container.encodeIfPresent(tokenSave, forKey: .tokenSave)
        try container.encodeIfPresent(loginType, forKey: .loginType)
        try container.encode(finished, forKey: .finished)
    }
}
