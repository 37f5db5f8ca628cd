import Foundation
import Testing
import TokenShellCore

/// Tokens as registries list them, built from JSON text.
enum HousekeepingFixtures {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

    static func iso(daysFromNow days: Double) -> String {
        now.addingTimeInterval(days * 86_400).formatted(.iso8601)
    }

    static func token(_ json: String) throws -> RegistryToken {
        let parsed = try #require(RegistryJSON.parse(json))
        return try #require(RegistryToken(json: parsed))
    }

    static func granular(
        key: String, name: String, access: String = "read-only", expiresIn days: Double = 30, createdAgo: Double = 1,
        cidr: String = "null", bypass: Bool = false
    ) throws -> RegistryToken {
        try token(
            """
            {"key":"\(key)","token":"npm_abcd...wxyz","name":"\(name)","access":"\(access)",\
            "expires":"\(iso(daysFromNow: days))","created":"\(iso(daysFromNow: -createdAgo))",\
            "cidr_whitelist":\(cidr),"packages_all":true,"orgs_permission":"no-access","bypass_2fa":\(bypass)}
            """)
    }

    static func classic(key: String, readonly: Bool, createdAgo: Double = 1) throws -> RegistryToken {
        try token(
            """
            {"key":"\(key)","token":"npm_abcd...wxyz","readonly":\(readonly),"cidr_whitelist":null,\
            "created":"\(iso(daysFromNow: -createdAgo))"}
            """)
    }

    static func command(_ line: String) throws -> ParsedCommand {
        try #require(try CommandParser().parse(line, variables: { _ in nil }))
    }
}
