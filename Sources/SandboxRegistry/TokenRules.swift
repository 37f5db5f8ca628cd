import Foundation
import TokenCodecs

/// The registry's rules for creating and using tokens, as pure functions the tests drive directly.
enum TokenRules {
    static let maximumTokensPerAccount = 1000
    static let maximumPackagesAndScopes = 50
    static let maximumOrgs = 50
    static let writeDefaultDays = 7
    static let writeMaximumDays = 90
    static let readDefaultDays = 30
    static let permissionValues = ["no-access", "read-only", "read-write", "read-write-stage-only"]
    static let orgPermissionValues = ["no-access", "read-only", "read-write"]

    static let classicGoneMessage =
        "Classic tokens are no longer supported: create a granular access token instead (npm 11.7 or later: npm token create --name NAME ...)"

    /// The token a create request asks for, before it gets a value and key.
    struct Grant: Equatable {
        var kind: StoredToken.Kind
        var name: String?
        var description: String?
        var readonly: Bool
        var cidr: [String]
        var expires: Date?
        var access: String
        var packagesAll: Bool
        var packages: [String]
        var scopes: [String]
        var orgs: [String]
        var orgsPermission: String
        var bypass2FA: Bool
    }

    /// Granular fields: any one of them makes a body granular.
    static let granularFields = [
        "name", "description", "packages", "packages_all", "scopes", "orgs", "packages_and_scopes_permission",
        "orgs_permission", "expires", "bypass_2fa",
    ]

    /// Turns a `POST /-/npm/v1/tokens` body into a grant under the flavour's rules.
    static func grant(
        for body: [String: Any], flavor: SandboxConfiguration.Flavor, existingTokens: Int, now: Date
    ) -> Result<Grant, SandboxError> {
        let cidr: [String]
        switch parseCIDRs(body["cidr_whitelist"]) {
        case .success(let list): cidr = list
        case .failure(let error): return .failure(error)
        }
        let permission = body["packages_and_scopes_permission"] as? String
        if let permission, !permissionValues.contains(permission) {
            return .failure(
                .badRequest("packages_and_scopes_permission must be one of \(permissionValues.joined(separator: ", "))")
            )
        }
        if flavor == .classic {
            // Verdaccio-like: granular fields are accepted and ignored, except a read-only permission.
            let readonly = (body["readonly"] as? Bool) ?? (permission == "read-only" || permission == "no-access")
            return .success(classicGrant(readonly: readonly, cidr: cidr))
        }
        let isGranular = granularFields.contains { key in body[key] != nil && !(body[key] is NSNull) }
        guard isGranular else { return .failure(.badRequest(classicGoneMessage)) }
        guard let name = (body["name"] as? String)?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            return .failure(.badRequest("a token name is required: npm token create --name NAME"))
        }
        guard existingTokens < maximumTokensPerAccount else {
            return .failure(
                .badRequest(
                    "token limit reached: an account holds at most \(maximumTokensPerAccount) granular access tokens; revoke some first"
                ))
        }
        let orgsPermission = (body["orgs_permission"] as? String) ?? "no-access"
        guard orgPermissionValues.contains(orgsPermission) else {
            return .failure(
                .badRequest("orgs_permission must be one of \(orgPermissionValues.joined(separator: ", "))"))
        }
        let packages = stringList(body["packages"])
        let scopes = stringList(body["scopes"]).map { $0.hasPrefix("@") ? $0 : "@" + $0 }
        let orgs = stringList(body["orgs"])
        guard packages.count + scopes.count <= maximumPackagesAndScopes else {
            return .failure(.badRequest("a token may name at most \(maximumPackagesAndScopes) packages and scopes"))
        }
        guard orgs.count <= maximumOrgs else {
            return .failure(.badRequest("a token may name at most \(maximumOrgs) orgs"))
        }
        let access = permission ?? ((body["readonly"] as? Bool) == false ? "read-write" : "read-only")
        let writes = access.hasPrefix("read-write") || orgsPermission == "read-write"
        let days: Int
        switch expiryDays(body["expires"]) {
        case .success(let value?): days = value
        case .success(nil): days = writes ? writeDefaultDays : readDefaultDays
        case .failure(let error): return .failure(error)
        }
        guard days >= 1 else { return .failure(.badRequest("expires must be at least 1 day in the future")) }
        if writes, days > writeMaximumDays {
            return .failure(
                .badRequest(
                    "tokens with write access expire after at most \(writeMaximumDays) days; \(days) days is too long"))
        }
        guard days <= 36500 else { return .failure(.badRequest("expires is too far in the future")) }
        let packagesAll = (body["packages_all"] as? Bool) ?? (packages.isEmpty && scopes.isEmpty)
        return .success(
            Grant(
                kind: .granular, name: name, description: body["description"] as? String,
                readonly: !writes, cidr: cidr, expires: now.addingTimeInterval(Double(days) * 86400), access: access,
                packagesAll: packagesAll, packages: packages, scopes: scopes, orgs: orgs,
                orgsPermission: orgsPermission,
                bypass2FA: (body["bypass_2fa"] as? Bool) ?? false))
    }

    /// A classic token: everything the user may do, or only reads.
    static func classicGrant(readonly: Bool, cidr: [String]) -> Grant {
        Grant(
            kind: .classic, name: nil, description: nil, readonly: readonly, cidr: cidr, expires: nil,
            access: readonly ? "read-only" : "read-write", packagesAll: true, packages: [], scopes: [], orgs: [],
            orgsPermission: "no-access", bypass2FA: false)
    }

    /// Whether `token` may be used at all now from `peer`: expiry, then the CIDR list.
    static func usability(of token: StoredToken, now: Date, peer: String?, sessionTTL: TimeInterval) -> SandboxError? {
        if let expires = token.expires, expires <= now {
            return token.kind == .session ? .sessionExpired(ttlSeconds: Int(sessionTTL)) : .tokenExpired
        }
        if !token.cidr.isEmpty {
            let ranges = token.cidr.compactMap { try? IPv4CIDR.parse($0).get() }
            guard let peer, ranges.contains(where: { $0.contains(peer) }) else { return .cidrMismatch }
        }
        return nil
    }

    enum PackageAction { case read, write }

    /// Whether publishing with `token` needs the account's second factor (users without one are
    /// never asked). npmjs enforces 2FA for publishing within a login session, and a package's
    /// default setting ("require 2FA or a granular token with bypass 2FA") asks it of granular
    /// tokens without bypass too.
    static func publishNeedsSecondFactor(_ token: StoredToken, flavor: SandboxConfiguration.Flavor) -> Bool {
        guard flavor == .npmjs else { return false }
        switch token.kind {
        case .session: return true
        case .granular: return !token.bypass2FA
        case .classic: return false
        }
    }

    /// Whether `token` may read or publish `package`.
    static func authorize(_ token: StoredToken, _ action: PackageAction, package: String) -> SandboxError? {
        let covered: Bool
        if token.packagesAll {
            covered = true
        } else {
            let scope = package.hasPrefix("@") ? package.split(separator: "/").first.map(String.init) : nil
            covered = token.packages.contains(package) || scope.map(token.scopes.contains) == true
        }
        guard covered, token.access != "no-access" else {
            return .forbidden("this token has no access to \(package)")
        }
        guard action == .write else { return nil }
        if token.readonly || token.access == "read-only" {
            return .forbidden("this token is read-only: it cannot publish \(package)")
        }
        if token.access == "read-write-stage-only" {
            return .forbidden(
                "this token may only stage publishes of \(package) (npm stage publish), not publish directly")
        }
        return nil
    }

    /// One page of a list: items, and whether another page follows.
    static func page<Item>(_ items: [Item], page: Int, perPage: Int) -> (items: ArraySlice<Item>, hasNext: Bool) {
        let start = min(page * perPage, items.count)
        let end = min(start + perPage, items.count)
        return (items[start..<end], end < items.count)
    }

    private static func parseCIDRs(_ value: Any?) -> Result<[String], SandboxError> {
        var list: [String] = []
        for entry in stringList(value) {
            switch IPv4CIDR.parse(entry) {
            case .success: list.append(entry)
            case .failure(let error): return .failure(.badRequest("\(error)"))
            }
        }
        return .success(list)
    }

    private static func stringList(_ value: Any?) -> [String] {
        if let list = value as? [String] { return list.filter { !$0.isEmpty } }
        if let text = value as? String {
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return []
    }

    /// `expires` as days: a number, a numeric string, or an ISO-8601 date.
    private static func expiryDays(_ value: Any?) -> Result<Int?, SandboxError> {
        switch value {
        case nil, is NSNull: return .success(nil)
        case let number as Int: return .success(number)
        case let number as Double: return .success(Int(number))
        case let text as String:
            if let number = Int(text) { return .success(number) }
            return .failure(.badRequest("expires must be a number of days"))
        default: return .failure(.badRequest("expires must be a number of days"))
        }
    }
}
