/// The token `token create` is about to ask for: the wizard's answers as one value.
///
/// It validates itself before any request (so a bad CIDR never costs a password prompt),
/// turns into the registry request, and into the flags of the fully specified command that
/// a recording keeps.
public struct TokenDraft: Sendable, Equatable {
    public static let maximumPackagesAndScopes = 50
    public static let maximumOrgs = 50
    /// npmjs's cap on write tokens (the registry has the last word).
    public static let writeMaximumDays = 90

    public var kind: RegistryToken.Kind
    public var name: String?
    public var description: String?
    public var permission: RegistryToken.Access = .readOnly
    public var packagesAll = true
    public var packages: [String] = []
    public var scopes: [String] = []
    public var orgsPermission: RegistryToken.Access = .noAccess
    public var orgs: [String] = []
    public var expiresDays: Int?
    public var cidr: [String] = []
    public var bypass2FA = false
    /// Classic registries: a read-only token rather than a publish token.
    public var readOnly = true

    public init(kind: RegistryToken.Kind) {
        self.kind = kind
    }

    /// Whether the token could change packages or organizations.
    public var writes: Bool {
        switch kind {
        case .classic: !readOnly
        case .granular: permission == .readWrite || permission == .readWriteStageOnly || orgsPermission == .readWrite
        }
    }

    /// The access the registry should grant, for either kind.
    public var effectiveAccess: RegistryToken.Access {
        kind == .classic ? (readOnly ? .readOnly : .readWrite) : permission
    }

    /// Everything wrong with the draft, each as a sentence naming the flag; empty when it can be sent.
    public func problems() -> [String] {
        var problems: [String] = []
        for entry in cidr {
            if case .failure(let error) = IPv4CIDR.parse(entry) {
                problems.append("--cidr: \(error) (only IPv4 ranges such as 192.0.2.0/24 are accepted)")
            }
        }
        guard kind == .granular else { return problems }
        if (name ?? "").trimmingWhitespaceAndNewlines().isEmpty {
            problems.append("--name: a granular token needs a name")
        }
        if let days = expiresDays, days < 1 {
            problems.append("--expires: a token must expire at least 1 day from now")
        }
        if packages.count + scopes.count > Self.maximumPackagesAndScopes {
            problems.append(
                "--packages/--scopes: \(packages.count + scopes.count) given, at most \(Self.maximumPackagesAndScopes) packages and scopes together"
            )
        }
        if orgs.count > Self.maximumOrgs {
            problems.append("--orgs: \(orgs.count) given, at most \(Self.maximumOrgs)")
        }
        return problems
    }

    /// Advice that does not stop the request (the registry decides).
    public func warnings() -> [String] {
        var warnings: [String] = []
        if kind == .granular, permission == .readWrite {
            warnings.append(
                "read-write lets anyone holding the token publish directly; read-write-stage-only (staged publishes) or trusted publishing is safer"
            )
        }
        if kind == .granular, writes, let days = expiresDays, days > Self.writeMaximumDays {
            warnings.append(
                "npmjs caps write tokens at \(Self.writeMaximumDays) days (default 7): the registry may refuse \(days) days"
            )
        }
        if bypass2FA {
            warnings.append("this token will publish without a 2FA code: keep it in a CI secret store only")
        }
        return warnings
    }

    public var request: TokenCreateRequest {
        switch kind {
        case .classic: return .classic(readonly: readOnly, cidrWhitelist: cidr)
        case .granular:
            return .granular(
                GranularTokenRequest(
                    name: name, description: description, packages: packages, packagesAll: packagesAll,
                    scopes: scopes, orgs: orgs, packagesAndScopesPermission: permission,
                    orgsPermission: orgsPermission, expiresDays: expiresDays, cidrWhitelist: cidr,
                    bypass2FA: bypass2FA))
        }
    }

    /// The flags that say all of this, for the recorded command (nil removes a flag).
    public var flags: [(String, FlagValue?)] {
        var flags: [(String, FlagValue?)] = [("preset", nil)]
        switch kind {
        case .classic:
            flags += [
                ("read-only", readOnly ? .bool(true) : nil),
                ("packages-and-scopes-permission", readOnly ? nil : .string(RegistryToken.Access.readWrite.rawValue)),
            ]
        case .granular:
            flags += [
                ("name", name.map(FlagValue.string)),
                ("token-description", description.map(FlagValue.string)),
                ("read-only", nil),
                ("packages-and-scopes-permission", .string(permission.rawValue)),
                ("packages-all", packagesAll ? .bool(true) : nil),
                ("packages", packagesAll || packages.isEmpty ? nil : .list(packages)),
                ("scopes", packagesAll || scopes.isEmpty ? nil : .list(scopes)),
                ("orgs-permission", orgsPermission == .noAccess ? nil : .string(orgsPermission.rawValue)),
                ("orgs", orgs.isEmpty ? nil : .list(orgs)),
                ("expires", expiresDays.map(FlagValue.integer)),
                ("bypass-2fa", bypass2FA ? .bool(true) : nil),
            ]
        }
        flags.append(("cidr", cidr.isEmpty ? nil : .list(cidr)))
        return flags
    }

    /// The summary shown before the confirmation, one line per fact.
    public var summaryLines: [String] {
        let cidrText = cidr.isEmpty ? "any address" : cidr.joined(separator: ", ")
        switch kind {
        case .classic:
            return [
                "kind:        classic", "access:      \(readOnly ? "read-only" : "publish (read-write)")",
                "IP ranges:   \(cidrText)", "expires:     never (classic tokens do not expire: revoke it when done)",
            ]
        case .granular:
            let scope =
                packagesAll
                ? "all packages" : (packages + scopes).joined(separator: ", ")
            var lines = [
                "name:        \(name ?? "-")",
                "packages:    \(permission.rawValue) on \(scope)",
                "orgs:        \(orgsPermission.rawValue)\(orgs.isEmpty ? "" : " on " + orgs.joined(separator: ", "))",
                "expires:     \(expiresDays.map { "in \($0) days" } ?? "the registry's default")",
                "IP ranges:   \(cidrText)", "bypass 2FA:  \(bypass2FA ? "yes" : "no")",
            ]
            if let description { lines.insert("description: \(description)", at: 1) }
            return lines
        }
    }
}

extension String {
    func trimmingWhitespaceAndNewlines() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
