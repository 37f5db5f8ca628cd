import Foundation
import TokenShellCore

/// The JSON a token list or create reply carries for one token (see the contract notes).
///
/// Written directly rather than through `JSONSerialization`: a list page is the sandbox's
/// hottest large reply, and building `[String: Any]` dictionaries for every token made it
/// several milliseconds per page. Keys come out sorted, as the rest of the sandbox writes them
/// (a test checks the order and reads the values back with `JSONSerialization`).
enum TokenView {
    /// `value` is the full token, only in the create reply; lists show the masked form.
    static func json(_ token: StoredToken, value: String?, flavor: SandboxConfiguration.Flavor) -> String {
        var out = ""
        write(token, value: value, flavor: flavor, into: &out)
        return out
    }

    /// Appends the object to `out`, fields in sorted key order, without intermediate strings:
    /// a page of 1,000 tokens is over half a megabyte.
    static func write(
        _ token: StoredToken, value: String?, flavor: SandboxConfiguration.Flavor, into out: inout String
    ) {
        let granular = flavor == .npmjs && token.kind == .granular
        var first = true
        func key(_ name: String) {
            out += first ? "{\"" : ",\""
            first = false
            out += name
            out += "\":"
        }
        func string(_ name: String, _ text: String?) {
            key(name)
            if let text { JSONText.quote(text, into: &out) } else { out += "null" }
        }
        func bool(_ name: String, _ value: Bool) {
            key(name)
            out += value ? "true" : "false"
        }
        func strings(_ name: String, _ items: [String]) {
            key(name)
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                JSONText.quote(item, into: &out)
            }
            out += "]"
        }
        func date(_ name: String, _ date: Date?) {
            string(name, date.map(ISOTimestamp.format))
        }
        if granular { string("access", token.access) }
        bool("automation", false)
        if granular { bool("bypass_2fa", token.bypass2FA) }
        if token.cidr.isEmpty { string("cidr_whitelist", nil) } else { strings("cidr_whitelist", token.cidr) }
        date("created", token.created)
        if granular {
            string("description", token.description)
            date("expires", token.expires)
        }
        string("key", token.key)
        if granular {
            string("name", token.name)
            strings("orgs", token.orgs)
            string("orgs_permission", token.orgsPermission)
            strings("packages", token.packages)
            bool("packages_all", token.packagesAll)
            key("permissions")
            out += permissions(token)
        }
        bool("readonly", token.readonly)
        if granular { strings("scopes", token.scopes) }
        string("token", value ?? token.display)
        date("updated", token.updated)
        out += "}"
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
