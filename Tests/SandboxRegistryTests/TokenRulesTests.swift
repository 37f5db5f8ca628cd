import Foundation
import Testing

@testable import SandboxRegistry

@Suite struct TokenRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func grant(_ body: [String: Any], flavor: SandboxConfiguration.Flavor = .npmjs, existing: Int = 0)
        -> Result<TokenRules.Grant, SandboxError>
    {
        TokenRules.grant(for: body, flavor: flavor, existingTokens: existing, now: now)
    }

    func days(_ grant: TokenRules.Grant) -> Int? {
        grant.expires.map { Int(($0.timeIntervalSince(now) / 86400).rounded()) }
    }

    @Test func npmjsRefusesTheClassicBodyAndPointsToGranularTokens() throws {
        let result = grant(["password": "pw", "readonly": true, "cidr_whitelist": [String]()])
        guard case .failure(let error) = result else {
            Issue.record("classic body accepted")
            return
        }
        #expect(error.status == 400)
        #expect(error.message.contains("granular"))
        #expect(error.message.contains("Classic tokens are no longer supported"))
    }

    @Test func publishingAsksForTheSecondFactorInSessionsAndWithoutBypass() {
        func token(_ kind: StoredToken.Kind, bypass: Bool = false) -> StoredToken {
            StoredToken(
                key: "k", display: "npm_AbCd...WxYz", user: "bob", kind: kind, name: nil, description: nil,
                readonly: false, cidr: [], created: now, updated: now, expires: nil, access: "read-write",
                packagesAll: true, packages: [], scopes: [], orgs: [], orgsPermission: "no-access", bypass2FA: bypass)
        }
        #expect(TokenRules.publishNeedsSecondFactor(token(.session), flavor: .npmjs))
        #expect(TokenRules.publishNeedsSecondFactor(token(.granular), flavor: .npmjs))
        #expect(!TokenRules.publishNeedsSecondFactor(token(.granular, bypass: true), flavor: .npmjs))
        #expect(!TokenRules.publishNeedsSecondFactor(token(.classic), flavor: .npmjs))
        for kind in [StoredToken.Kind.session, .granular, .classic] {
            #expect(!TokenRules.publishNeedsSecondFactor(token(kind), flavor: .classic))
        }
    }

    @Test func npmjsNeedsAName() {
        let result = grant(["password": "pw", "packages_and_scopes_permission": "read-only"])
        #expect((try? result.get()) == nil)
        if case .failure(let error) = result { #expect(error.message.contains("name is required")) }
    }

    @Test func writeTokensDefaultToSevenDaysAndStopAtNinety() throws {
        let write = try grant(["name": "ci", "packages_and_scopes_permission": "read-write"]).get()
        #expect(days(write) == 7)
        #expect(write.readonly == false)
        let ninety = try grant(["name": "ci", "packages_and_scopes_permission": "read-write", "expires": 90]).get()
        #expect(days(ninety) == 90)
        let result = grant(["name": "ci", "packages_and_scopes_permission": "read-write", "expires": 91])
        guard case .failure(let error) = result else {
            Issue.record("91-day write token accepted")
            return
        }
        #expect(error.message.contains("90 days"))
        let orgWrite = grant(["name": "o", "orgs_permission": "read-write", "expires": 120])
        #expect((try? orgWrite.get()) == nil)
    }

    @Test func readOnlyTokensDefaultToThirtyDaysAndMayRunLonger() throws {
        let read = try grant(["name": "r", "packages_and_scopes_permission": "read-only"]).get()
        #expect(days(read) == 30)
        #expect(read.readonly)
        #expect(read.packagesAll)
        let year = try grant(["name": "r", "packages_and_scopes_permission": "read-only", "expires": "365"]).get()
        #expect(days(year) == 365)
        #expect((try? grant(["name": "r", "expires": 0]).get()) == nil)
    }

    @Test func aThousandTokensIsTheCap() {
        let body: [String: Any] = ["name": "one-more", "packages_and_scopes_permission": "read-only"]
        #expect((try? grant(body, existing: 999).get()) != nil)
        let result = grant(body, existing: 1000)
        guard case .failure(let error) = result else {
            Issue.record("token 1001 accepted")
            return
        }
        #expect(error.message.contains("1000"))
    }

    @Test func packageAndScopeListsAreCappedAndNormalised() throws {
        let listed = try grant(["name": "p", "packages": ["a", "b"], "scopes": ["team"]]).get()
        #expect(listed.packagesAll == false)
        #expect(listed.scopes == ["@team"])
        let many = (0..<51).map { "pkg\($0)" }
        #expect((try? grant(["name": "p", "packages": many]).get()) == nil)
        #expect((try? grant(["name": "p", "packages_and_scopes_permission": "everything"]).get()) == nil)
    }

    @Test func badCIDRsAreRefusedWithNpmsWording() {
        let result = grant(["name": "c", "cidr_whitelist": ["10.0.0.1"]])
        guard case .failure(let error) = result else {
            Issue.record("bad CIDR accepted")
            return
        }
        #expect(error.message == "CIDR whitelist contains invalid CIDR entry: 10.0.0.1")
    }

    @Test func classicFlavourTakesTheReadOnlyFlagAndNoExpiry() throws {
        let classic = try grant(
            ["password": "pw", "readonly": true, "cidr_whitelist": ["10.0.0.0/8"]], flavor: .classic
        )
        .get()
        #expect(classic.kind == .classic)
        #expect(classic.readonly)
        #expect(classic.expires == nil)
        #expect(classic.cidr == ["10.0.0.0/8"])
        let granularBody = try grant(["name": "x", "packages_and_scopes_permission": "read-only"], flavor: .classic)
            .get()
        #expect(granularBody.kind == .classic)
        #expect(granularBody.readonly)
        #expect((try? grant(["readonly": false], flavor: .classic, existing: 5000).get()) != nil)
    }

    func token(_ grant: TokenRules.Grant) -> StoredToken {
        SandboxStore.makeToken(grant, user: "alice", created: now).1
    }

    @Test func readOnlyCannotPublishAndListsLimitPackages() throws {
        let readOnly = token(TokenRules.classicGrant(readonly: true, cidr: []))
        #expect(TokenRules.authorize(readOnly, .read, package: "x") == nil)
        #expect(TokenRules.authorize(readOnly, .write, package: "x")?.status == 403)
        let scoped = token(
            try grant([
                "name": "s", "scopes": ["@team"], "packages": ["solo"],
                "packages_and_scopes_permission": "read-write",
            ]).get())
        #expect(TokenRules.authorize(scoped, .write, package: "@team/lib") == nil)
        #expect(TokenRules.authorize(scoped, .write, package: "solo") == nil)
        #expect(TokenRules.authorize(scoped, .write, package: "other")?.status == 403)
        #expect(TokenRules.authorize(scoped, .read, package: "@elsewhere/lib")?.status == 403)
        let staged = token(try grant(["name": "s", "packages_and_scopes_permission": "read-write-stage-only"]).get())
        #expect(TokenRules.authorize(staged, .write, package: "x")?.message.contains("stage") == true)
        let none = token(try grant(["name": "n", "packages_and_scopes_permission": "no-access"]).get())
        #expect(TokenRules.authorize(none, .read, package: "x")?.status == 403)
    }

    @Test func expiredTokensAndSessionsAreRefusedDifferently() throws {
        let granular = token(try grant(["name": "g", "expires": 1]).get())
        #expect(TokenRules.usability(of: granular, now: now, peer: nil, sessionTTL: 7200) == nil)
        let later = now.addingTimeInterval(2 * 86400)
        #expect(TokenRules.usability(of: granular, now: later, peer: nil, sessionTTL: 7200) == .tokenExpired)
        var session = token(TokenRules.classicGrant(readonly: false, cidr: []))
        session.kind = .session
        session.expires = now.addingTimeInterval(7200)
        let refusal = TokenRules.usability(of: session, now: later, peer: nil, sessionTTL: 7200)
        #expect(refusal?.message == "session expired: login sessions last 2 hours; log in again")
        #expect(refusal?.challenge == "Bearer")
        #expect(refusal?.code == "ESESSIONEXPIRED")
    }

    @Test func cidrIsCheckedAgainstThePeer() {
        let limited = token(TokenRules.classicGrant(readonly: false, cidr: ["10.0.0.0/8", "127.0.0.1/32"]))
        #expect(TokenRules.usability(of: limited, now: now, peer: "127.0.0.1", sessionTTL: 1) == nil)
        #expect(TokenRules.usability(of: limited, now: now, peer: "10.2.3.4", sessionTTL: 1) == nil)
        #expect(TokenRules.usability(of: limited, now: now, peer: "192.0.2.1", sessionTTL: 1) == .cidrMismatch)
        #expect(TokenRules.usability(of: limited, now: now, peer: nil, sessionTTL: 1) == .cidrMismatch)
        #expect(SandboxError.cidrMismatch.challenge == "ipaddress")
    }

    @Test(arguments: [(0, 25, 25, true), (1, 25, 25, true), (2, 25, 10, false), (3, 25, 0, false), (0, 100, 60, false)])
    func pagination(page: Int, perPage: Int, expected: Int, hasNext: Bool) {
        let items = Array(0..<60)
        let slice = TokenRules.page(items, page: page, perPage: perPage)
        #expect(slice.items.count == expected)
        #expect(slice.hasNext == hasNext)
        if let first = slice.items.first { #expect(first == page * perPage) }
    }
}
