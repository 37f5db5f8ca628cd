#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `token list --json`: the schema of design §3, stable for scripts.
///
/// Each element has `id`, `key`, `name`, `kind`, `access`, `cidr`, `created`, `expires`, and
/// besides them `token` (masked), `description`, `packages_all`, `packages`, `scopes`, `orgs`,
/// `orgs_permission`, `bypass_2fa` and `expired`.
public enum TokenListJSON {
    public static func object(_ row: TokenRow, now: Date) -> RegistryJSON {
        let token = row.token
        var members: [(String, RegistryJSON)] = []
        members.append(("id", .string(row.id)))
        members.append(("key", .string(token.key)))
        members.append(("name", text(token.name)))
        members.append(("kind", .string(token.kind.rawValue)))
        members.append(("access", text(token.access?.rawValue)))
        members.append(("cidr", list(token.cidr)))
        members.append(("created", text(token.created)))
        members.append(("expires", text(token.expires)))
        members.append(("token", text(token.maskedToken)))
        members.append(("description", text(token.description)))
        members.append(("packages_all", token.packagesAll.map { RegistryJSON.bool($0) } ?? .null))
        members.append(("packages", token.packages.map(list) ?? .null))
        members.append(("scopes", token.scopes.map(list) ?? .null))
        members.append(("orgs", token.orgs.map(list) ?? .null))
        members.append(("orgs_permission", text(token.orgsPermission)))
        members.append(("bypass_2fa", .bool(token.bypass2FA ?? false)))
        members.append(("expired", .bool(row.isExpired(now: now))))
        return .object(members)
    }

    static func text(_ value: String?) -> RegistryJSON {
        guard let value else { return .null }
        return .string(value)
    }

    static func list(_ values: [String]) -> RegistryJSON {
        .array(values.map { RegistryJSON.string($0) })
    }

    public static func render(_ rows: [TokenRow], now: Date) -> String {
        RegistryJSON.array(rows.map { object($0, now: now) }).serialized + "\n"
    }
}
