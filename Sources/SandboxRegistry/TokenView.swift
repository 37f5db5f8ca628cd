import TokenShellCore

/// The JSON a token list or create reply carries for one token (see the contract notes).
///
/// Written directly rather than through `JSONSerialization`: a list page is the sandbox's
/// hottest large reply, and building `[String: Any]` dictionaries for every token made it
/// several milliseconds per page. Keys come out sorted, as the rest of the sandbox writes them.
enum TokenView {
    /// `value` is the full token, only in the create reply; lists show the masked form.
    static func json(_ token: StoredToken, value: String?, flavor: SandboxConfiguration.Flavor) -> String {
        let granular = flavor == .npmjs && token.kind == .granular
        var fields: [(String, String)] = [
            ("automation", "false"),
            ("cidr_whitelist", token.cidr.isEmpty ? "null" : array(token.cidr)),
            ("created", JSONText.quote(ISO8601.string(token.created))),
            ("key", JSONText.quote(token.key)),
            ("readonly", token.readonly ? "true" : "false"),
            ("token", JSONText.quote(value ?? token.display)),
            ("updated", JSONText.quote(ISO8601.string(token.updated))),
        ]
        if granular {
            fields += [
                ("access", JSONText.quote(token.access)),
                ("bypass_2fa", token.bypass2FA ? "true" : "false"),
                ("description", token.description.map(JSONText.quote) ?? "null"),
                ("expires", token.expires.map { JSONText.quote(ISO8601.string($0)) } ?? "null"),
                ("name", token.name.map(JSONText.quote) ?? "null"),
                ("orgs", array(token.orgs)),
                ("orgs_permission", JSONText.quote(token.orgsPermission)),
                ("packages", array(token.packages)),
                ("packages_all", token.packagesAll ? "true" : "false"),
                ("permissions", permissions(token)),
                ("scopes", array(token.scopes)),
            ]
        }
        fields.sort { $0.0 < $1.0 }
        return "{" + fields.map { JSONText.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    private static func array(_ items: [String]) -> String {
        "[" + items.map(JSONText.quote).joined(separator: ",") + "]"
    }

    private static func permissions(_ token: StoredToken) -> String {
        var items: [String] = []
        if token.access != "no-access" {
            items.append(#"{"action":"\#(token.access == "read-only" ? "read" : "write")","name":"package"}"#)
        }
        if token.orgsPermission != "no-access" {
            items.append(#"{"action":"\#(token.orgsPermission == "read-only" ? "read" : "write")","name":"org"}"#)
        }
        return "[" + items.joined(separator: ",") + "]"
    }
}
