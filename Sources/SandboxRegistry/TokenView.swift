/// The JSON a token list or create reply carries for one token (see the contract notes).
enum TokenView {
    /// `value` is the full token, only in the create reply; lists show the masked form.
    static func object(_ token: StoredToken, value: String?, flavor: SandboxConfiguration.Flavor) -> [String: Any] {
        var object: [String: Any] = [
            "token": value ?? token.display,
            "key": token.key,
            "readonly": token.readonly,
            "automation": false,
            "cidr_whitelist": token.cidr.isEmpty ? NSNullValue.null : token.cidr,
            "created": ISO8601.string(token.created),
            "updated": ISO8601.string(token.updated),
        ]
        guard flavor == .npmjs, token.kind == .granular else { return object }
        object["name"] = token.name ?? NSNullValue.null
        object["description"] = token.description ?? NSNullValue.null
        object["expires"] = token.expires.map(ISO8601.string) ?? NSNullValue.null
        object["access"] = token.access
        object["packages_all"] = token.packagesAll
        object["packages"] = token.packages
        object["scopes"] = token.scopes
        object["orgs"] = token.orgs
        object["orgs_permission"] = token.orgsPermission
        object["bypass_2fa"] = token.bypass2FA
        var permissions: [[String: String]] = []
        if token.access != "no-access" {
            permissions.append(["name": "package", "action": token.access == "read-only" ? "read" : "write"])
        }
        if token.orgsPermission != "no-access" {
            permissions.append(["name": "org", "action": token.orgsPermission == "read-only" ? "read" : "write"])
        }
        object["permissions"] = permissions
        return object
    }
}
