import Foundation

/// `--seed-tokens N`: varied tokens for list, sort, filter and prune practice and benchmarks.
enum TokenSeeder {
    private static let purposes = ["ci-read", "publish", "deploy", "docs-bot", "mirror", "release", "audit", "local"]
    private static let accesses = ["read-only", "read-write", "read-only", "read-write-stage-only", "no-access"]
    private static let cidrs: [[String]] = [
        [], ["10.0.0.0/8"], [], ["192.168.1.0/24", "172.16.0.0/12"], ["127.0.0.1/32"],
    ]

    static func tokens(count: Int, user: String, flavor: SandboxConfiguration.Flavor, now: Date) -> [StoredToken] {
        (0..<count).map { index in
            let created = now.addingTimeInterval(-Double(count - index) * 3600)
            let cidr = cidrs[index % cidrs.count]
            var grant: TokenRules.Grant
            if flavor != .npmjs {
                grant = TokenRules.classicGrant(readonly: index % 2 == 0, cidr: cidr)
            } else {
                let access = accesses[index % accesses.count]
                let writes = access.hasPrefix("read-write")
                grant = TokenRules.classicGrant(readonly: !writes, cidr: cidr)
                grant.kind = .granular
                let number = String(index + 1)
                grant.name =
                    purposes[index % purposes.count] + "-" + String(repeating: "0", count: max(0, 4 - number.count))
                    + number
                grant.access = access
                grant.expires = expiry(index: index, writes: writes, now: now)
                if index % 3 == 1 {
                    grant.packagesAll = false
                    grant.packages = ["pkg-\(index % 7)"]
                    grant.scopes = index % 2 == 0 ? ["@team"] : []
                }
                grant.bypass2FA = writes && index % 4 == 1
            }
            return SandboxStore.makeToken(grant, user: user, created: created).1
        }
    }

    /// Every fifth token already expired, every fifth expiring within 7 days, the rest later.
    private static func expiry(index: Int, writes: Bool, now: Date) -> Date {
        let day = 86400.0
        switch index % 5 {
        case 0: return now.addingTimeInterval(-Double(1 + index % 20) * day)
        case 1: return now.addingTimeInterval(Double(1 + index % 6) * day - 3600)
        default:
            let days = writes ? 8 + index % 82 : 8 + index % 357
            return now.addingTimeInterval(Double(days) * day)
        }
    }
}
