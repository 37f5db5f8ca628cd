/// A token as the registry lists it (never its secret: lists carry only a masked `token`).
///
/// Decoded tolerantly: every field but `key` is optional, and both the classic shape
/// (`readonly`, `cidr_whitelist`) and the granular one (`name`, `access`, `expires`,
/// `permissions`, …) are read, so a registry of either kind, or an older one, lists fine.
public struct RegistryToken: Sendable, Equatable {
    /// Granular tokens carry a name, access, expiry or permissions; classic ones only a read-only flag.
    public enum Kind: String, Sendable {
        case granular
        case classic
    }

    /// What a token may do with packages and scopes (also the values of `orgs_permission`).
    public enum Access: String, Sendable, CaseIterable {
        case readOnly = "read-only"
        case readWrite = "read-write"
        case readWriteStageOnly = "read-write-stage-only"
        case noAccess = "no-access"
    }

    /// One entry of `permissions`, e.g. `{"name":"package","action":"write"}`.
    public struct Permission: Sendable, Equatable {
        public var name: String?
        public var action: String?
    }

    /// Lowercase hex SHA-512 of the token: the registry's id for it.
    public var key: String
    /// The masked display form, e.g. `npm_AbCd...WxYz`.
    public var maskedToken: String?
    public var name: String?
    public var description: String?
    public var readonly: Bool?
    public var automation: Bool?
    public var cidrWhitelist: [String]?
    public var created: String?
    public var updated: String?
    public var expires: String?
    /// `access` exactly as sent (unknown values kept here; `access` parses it).
    public var accessField: String?
    public var packagesAll: Bool?
    public var packages: [String]?
    public var scopes: [String]?
    public var orgs: [String]?
    public var orgsPermission: String?
    public var bypass2FA: Bool?
    public var permissions: [Permission]?
    /// The object as the registry sent it (with the token masked), for `token show` and `--json`.
    public var raw: RegistryJSON

    /// Decodes one list or create object; `nil` without a string `key`.
    public init?(json: RegistryJSON) {
        guard let key = json["key"]?.stringValue, !key.isEmpty, json.objectMembers != nil else { return nil }
        self.key = key
        maskedToken = json["token"]?.stringValue
        name = json["name"]?.stringValue
        description = json["description"]?.stringValue
        readonly = json["readonly"]?.boolValue
        automation = json["automation"]?.boolValue
        cidrWhitelist = Self.strings(json["cidr_whitelist"]) ?? Self.strings(json["cidr"])
        created = json["created"]?.stringValue
        updated = json["updated"]?.stringValue
        expires = json["expires"]?.stringValue ?? json["expiry"]?.stringValue
        accessField = json["access"]?.stringValue
        packagesAll = json["packages_all"]?.boolValue
        packages = Self.strings(json["packages"])
        scopes = Self.strings(json["scopes"])
        orgs = Self.strings(json["orgs"])
        orgsPermission = json["orgs_permission"]?.stringValue
        bypass2FA = json["bypass_2fa"]?.boolValue
        permissions = json["permissions"]?.arrayValue?.map {
            Permission(name: $0["name"]?.stringValue, action: $0["action"]?.stringValue)
        }
        raw = json
    }

    public var kind: Kind {
        name != nil || accessField != nil || expires != nil || permissions != nil ? .granular : .classic
    }

    /// The token's package access: `access` when sent, else from `permissions`, else `readonly`.
    public var access: Access? {
        if let accessField, let access = Access(rawValue: accessField) { return access }
        if let actions = permissions?.compactMap(\.action), !actions.isEmpty {
            return actions.contains("write") ? .readWrite : .readOnly
        }
        if let readonly { return readonly ? .readOnly : .readWrite }
        return nil
    }

    /// The allowed IPv4 ranges; empty when unrestricted.
    public var cidr: [String] { cidrWhitelist ?? [] }

    /// Strings of a string array, or the `name`s of an array of objects (`[{"name":"@s","type":…}]`).
    static func strings(_ value: RegistryJSON?) -> [String]? {
        guard let items = value?.arrayValue else { return nil }
        return items.compactMap { $0.stringValue ?? $0["name"]?.stringValue }
    }

    /// npm's short ids, in the order of `tokens`: the shortest prefix of each key, at least
    /// `minimumLength` long, that no other listed key shares; the full key when there is none.
    public static func shortIDs(for tokens: [RegistryToken], minimumLength: Int = 6) -> [String] {
        // The longest prefix a key shares with any other key is the one it shares with a
        // neighbour in sorted order: O(n log n) instead of comparing every pair (1,000 tokens
        // took a million prefix comparisons).
        let keys = tokens.map { Array($0.key.utf8) }
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var shared = [Int](repeating: 0, count: keys.count)
        for position in order.indices.dropFirst() {
            let (left, right) = (order[position - 1], order[position])
            let common = zip(keys[left], keys[right]).prefix { $0 == $1 }.count
            shared[left] = max(shared[left], common)
            shared[right] = max(shared[right], common)
        }
        return tokens.indices.map { index in
            let key = tokens[index].key
            let length = max(minimumLength, 1, shared[index] + 1)
            return length < keys[index].count ? String(key.utf8.prefix(length)) ?? key : key
        }
    }

    /// `npm_AbCd...WxYz`: enough to recognise a token, far too little to use it.
    public static func mask(_ token: String) -> String {
        guard token.count > 16 else { return String(token.prefix(4)) + "..." }
        return String(token.prefix(8)) + "..." + String(token.suffix(4))
    }
}
