#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What token creation has shown about registries: which kind of token each one issues.
///
/// Kept in tokensh's state folder (`$XDG_STATE_HOME/tokensh/registry-kinds.json`), never in
/// the npm config: it is tokensh's own knowledge, and npm would warn about unknown keys. A
/// registry is named by scheme, host, port and path, without any userinfo.
public struct RegistryKindMemory: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var kind: RegistryToken.Kind
        /// What showed it, in a few words ("a granular request was answered with a classic token").
        public var reason: String
        /// When, ISO 8601.
        public var learnt: String

        public init(kind: RegistryToken.Kind, reason: String, learnt: String) {
            self.kind = kind
            self.reason = reason
            self.learnt = learnt
        }
    }

    public private(set) var entries: [String: Entry] = [:]

    /// Reads the file's text; anything unreadable counts as nothing learnt (the file is only a hint).
    public init(text: String?) {
        guard let text, let json = RegistryJSON.parse(text), let members = json["registries"]?.objectMembers else {
            return
        }
        for (registry, value) in members {
            guard let kind = value["kind"]?.stringValue.flatMap(RegistryToken.Kind.init(rawValue:)) else { continue }
            entries[registry] = Entry(
                kind: kind, reason: value["reason"]?.stringValue ?? "", learnt: value["learnt"]?.stringValue ?? "")
        }
    }

    /// The name a registry is remembered under: its normalised URL without userinfo.
    public static func key(for registry: String) -> String {
        guard var url = RegistryURL(registry) else { return RegistryPath.normalized(registry) }
        url.userinfo = nil
        return url.normalized
    }

    public func entry(for registry: String) -> Entry? { entries[Self.key(for: registry)] }

    /// Records what a create showed; returns whether anything changed (then the file needs writing).
    @discardableResult
    public mutating func remember(
        _ kind: RegistryToken.Kind, for registry: String, reason: String, now: Date
    ) -> Bool {
        let key = Self.key(for: registry)
        guard entries[key]?.kind != kind else { return false }
        entries[key] = Entry(kind: kind, reason: reason, learnt: ISOTimestamp.format(now))
        return true
    }

    /// The file's text: one object per registry, sorted, so the file diffs cleanly.
    public var text: String {
        let lines = entries.sorted { $0.key < $1.key }.map { key, entry -> String in
            "    " + JSONText.quote(key) + ": {\"kind\": " + JSONText.quote(entry.kind.rawValue)
                + ", \"reason\": " + JSONText.quote(entry.reason) + ", \"learnt\": " + JSONText.quote(entry.learnt)
                + "}"
        }
        return "{\n  \"version\": 1,\n  \"registries\": {\n" + lines.joined(separator: ",\n") + "\n  }\n}\n"
    }
}

/// Where `RegistryKindMemory` lives; the executable implements it on disk, tests fake it.
public protocol RegistryKindStore: AnyObject, Sendable {
    /// The file's text, nil when there is none.
    func readKinds() -> String?
    /// Replaces the file atomically.
    func writeKinds(_ text: String) throws(ShellError)
}
