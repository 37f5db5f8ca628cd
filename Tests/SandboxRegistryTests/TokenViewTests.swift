import Foundation
import Testing
import TokenShellCore

@testable import SandboxRegistry

@Suite struct TokenViewTests {
    static let created = Date(timeIntervalSince1970: 1_764_400_000.25)

    static func token(kind: StoredToken.Kind) -> StoredToken {
        StoredToken(
            key: "abc123", display: "npm_AbCd...WxYz", user: "alice", kind: kind, name: "ci \"deploy\"",
            description: nil, readonly: true, cidr: ["10.0.0.0/8"], created: created, updated: created,
            expires: created.addingTimeInterval(86_400), access: "read-only", packagesAll: false,
            packages: ["left-pad"], scopes: ["@myco"], orgs: [], orgsPermission: "no-access", bypass2FA: false)
    }

    /// The written text is valid JSON, keys in sorted order, with the values `JSONSerialization` reads.
    @Test(arguments: [
        (StoredToken.Kind.classic, SandboxConfiguration.Flavor.classic),
        (.granular, .npmjs), (.classic, .npmjs),
    ])
    func keysAreSortedAndValuesRoundTrip(kind: StoredToken.Kind, flavor: SandboxConfiguration.Flavor) throws {
        let text = TokenView.json(Self.token(kind: kind), value: nil, flavor: flavor)
        let keys = try #require(RegistryJSON.parse(text)?.objectMembers).map(\.0)
        #expect(keys == keys.sorted())
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["created"] as? String == "2025-11-29T07:06:40.250Z")
        #expect(object["token"] as? String == "npm_AbCd...WxYz")
        #expect(object["cidr_whitelist"] as? [String] == ["10.0.0.0/8"])
        if kind == .granular {
            #expect(keys.count == 18)
            #expect(object["name"] as? String == "ci \"deploy\"")
            #expect(object["expires"] as? String == "2025-11-30T07:06:40.250Z")
            #expect(object["description"] is NSNull)
        } else {
            #expect(keys == ["automation", "cidr_whitelist", "created", "key", "readonly", "token", "updated"])
        }
    }
}
