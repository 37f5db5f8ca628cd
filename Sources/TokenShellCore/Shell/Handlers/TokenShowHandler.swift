#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `token show ID`: everything the registry says about one token, never its secret.
enum TokenShowHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let (client, _) = try shell.authenticatedClient()
        let rows = try TokenHandlerSupport.fetchRows(client, shell)
        let row = try TokenHandlerSupport.row(for: command.positionals.first ?? "", in: rows, shell)
        let now = shell.services.now()
        if shell.options.json || command.has("json") {
            shell.io.output(TokenListJSON.object(row, now: now).serialized + "\n")
            return
        }
        shell.io.output(lines(row, now: now).joined(separator: "\n") + "\n")
    }

    static func lines(_ row: TokenRow, now: Date) -> [String] {
        let token = row.token
        let list: ([String]?) -> String = { items in
            guard let items, !items.isEmpty else { return "-" }
            return items.joined(separator: ", ")
        }
        var lines = [
            "id:           \(row.id)",
            "key:          \(token.key)",
            "token:        \(token.maskedToken ?? "-") (the full token is never shown again)",
            "name:         \(token.name ?? "-")",
            "description:  \(token.description ?? "-")",
            "kind:         \(token.kind.rawValue)",
            "access:       \(row.permissionSummary)",
        ]
        if token.kind == .granular {
            lines += [
                "packages:     \(token.packagesAll == true ? "all" : list(token.packages))",
                "scopes:       \(list(token.scopes))",
                "orgs:         \(token.orgsPermission ?? "no-access") \(list(token.orgs))",
                "bypass 2FA:   \(token.bypass2FA == true ? "yes" : "no")",
            ]
        }
        lines += [
            "IP ranges:    \(token.cidr.isEmpty ? "any address" : token.cidr.joined(separator: ", "))",
            "created:      \(token.created ?? "-")",
            "expires:      \(token.expires.map { "\($0) (\(row.expirySummary(now: now)))" } ?? "never")",
        ]
        let marks = row.marks(now: now)
        if !marks.isEmpty { lines.append("marks:        \(marks)") }
        // Every value but the marks is the registry's text.
        return lines.map(TerminalText.line)
    }
}
