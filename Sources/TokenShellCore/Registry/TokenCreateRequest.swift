/// What `POST -/npm/v1/tokens` asks for: npm 10's classic body or npm 11's granular one.
public enum TokenCreateRequest: Sendable, Equatable {
    /// `{"password":…,"readonly":…,"cidr_whitelist":[…]}`: both fields always sent, as npm 10 does.
    case classic(readonly: Bool, cidrWhitelist: [String])
    case granular(GranularTokenRequest)

    /// The request body, keys in npm's order. The password goes only here, never into a URL or log.
    public func body(password: Secret) -> RegistryJSON {
        switch self {
        case .classic(let readonly, let cidrWhitelist):
            return .object([
                ("password", .string(password.reveal())),
                ("readonly", .bool(readonly)),
                ("cidr_whitelist", .array(cidrWhitelist.map(RegistryJSON.string))),
            ])
        case .granular(let request):
            return request.body(password: password)
        }
    }
}

/// The fields of an npm 11 granular token: each flag of `npm token create` that was set.
public struct GranularTokenRequest: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var packages: [String]
    public var packagesAll: Bool
    public var scopes: [String]
    public var orgs: [String]
    public var packagesAndScopesPermission: RegistryToken.Access?
    public var orgsPermission: RegistryToken.Access?
    /// Days until expiry; `nil` lets the registry choose.
    public var expiresDays: Int?
    public var cidrWhitelist: [String]
    public var bypass2FA: Bool

    public init(
        name: String?,
        description: String? = nil,
        packages: [String] = [],
        packagesAll: Bool = false,
        scopes: [String] = [],
        orgs: [String] = [],
        packagesAndScopesPermission: RegistryToken.Access? = nil,
        orgsPermission: RegistryToken.Access? = nil,
        expiresDays: Int? = nil,
        cidrWhitelist: [String] = [],
        bypass2FA: Bool = false
    ) {
        self.name = name
        self.description = description
        self.packages = packages
        self.packagesAll = packagesAll
        self.scopes = scopes
        self.orgs = orgs
        self.packagesAndScopesPermission = packagesAndScopesPermission
        self.orgsPermission = orgsPermission
        self.expiresDays = expiresDays
        self.cidrWhitelist = cidrWhitelist
        self.bypass2FA = bypass2FA
    }

    /// npm 11's body: `name` always (null when unset), the rest only when set, in npm's order.
    public func body(password: Secret) -> RegistryJSON {
        var members: [(String, RegistryJSON)] = [
            ("name", name.map(RegistryJSON.string) ?? .null),
            ("password", .string(password.reveal())),
        ]
        if let description { members.append(("description", .string(description))) }
        if !packages.isEmpty { members.append(("packages", .array(packages.map(RegistryJSON.string)))) }
        if packagesAll { members.append(("packages_all", .bool(true))) }
        if !scopes.isEmpty { members.append(("scopes", .array(scopes.map(RegistryJSON.string)))) }
        if !orgs.isEmpty { members.append(("orgs", .array(orgs.map(RegistryJSON.string)))) }
        if let packagesAndScopesPermission {
            members.append(("packages_and_scopes_permission", .string(packagesAndScopesPermission.rawValue)))
        }
        if let orgsPermission { members.append(("orgs_permission", .string(orgsPermission.rawValue))) }
        if let expiresDays { members.append(("expires", .number(Double(expiresDays)))) }
        if !cidrWhitelist.isEmpty { members.append(("cidr_whitelist", .array(cidrWhitelist.map(RegistryJSON.string)))) }
        if bypass2FA { members.append(("bypass_2fa", .bool(true))) }
        return .object(members)
    }
}
