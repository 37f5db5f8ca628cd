import Foundation
import TokenCodecs

/// The JSON a token list or create reply carries for one token (see the contract notes).
///
/// Written directly as bytes rather than through `JSONSerialization` or string appends: a
/// list page is the sandbox's hottest large reply (`[String: Any]` dictionaries took about
/// 18 ms for 1,000 tokens, string appends about 3 ms). Keys come out sorted, as the rest of
/// the sandbox writes them (a test checks the order and reads the values back).
enum TokenView {
    /// `value` is the full token, only in the create reply; lists show the masked form.
    static func json(_ token: StoredToken, value: String?, flavor: SandboxConfiguration.Flavor) -> String {
        var out: [UInt8] = []
        write(token, value: value, flavor: flavor, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the object to `out` as UTF-8, fields in sorted key order, without intermediate
    /// strings: a page of 1,000 tokens is over half a megabyte.
    static func write(
        _ token: StoredToken, value: String?, flavor: SandboxConfiguration.Flavor, into out: inout [UInt8]
    ) {
        let granular = flavor == .npmjs && token.kind == .granular
        var first = true
        func raw(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func key(_ name: StaticString) {
            raw(first ? "{\"" : ",\"")
            first = false
            raw(name)
            raw("\":")
        }
        func string(_ name: StaticString, _ text: String?) {
            key(name)
            if let text { JSONText.quote(text, into: &out) } else { raw("null") }
        }
        func bool(_ name: StaticString, _ value: Bool) {
            key(name)
            raw(value ? "true" : "false")
        }
        func strings(_ name: StaticString, _ items: [String]) {
            key(name)
            raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { raw(",") }
                JSONText.quote(item, into: &out)
            }
            raw("]")
        }
        func date(_ name: StaticString, _ date: Date?) {
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
            out.append(contentsOf: permissions(token).utf8)
        }
        bool("readonly", token.readonly)
        if granular { strings("scopes", token.scopes) }
        string("token", value ?? token.display)
        date("updated", token.updated)
        raw("}")
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
