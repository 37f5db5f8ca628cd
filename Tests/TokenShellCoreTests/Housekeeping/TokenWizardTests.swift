import Foundation
import Testing
import TokenShellCore

@Suite struct TokenWizardTests {
    typealias F = HousekeepingFixtures

    @Test func acceptingEveryDefaultGivesALeastPrivilegeToken() throws {
        var draft = TokenPreset.ciInstall.draft(kind: .granular, now: F.now)
        for question in TokenQuestion.sequence(for: .granular) where question.applies(to: draft) {
            try question.apply(question.defaultAnswer(draft, preset: .ciInstall), to: &draft)
        }
        #expect(draft.permission == .readOnly)
        #expect(draft.packagesAll)
        #expect(draft.expiresDays == 30)
        #expect(draft.name == "tokensh-read-20270115")
        #expect(!draft.bypass2FA)
        #expect(draft.orgsPermission == .noAccess)
        #expect(draft.problems().isEmpty)
        #expect(!TokenQuestion.bypass2FA.applies(to: draft), "2FA bypass is asked only for write tokens")
    }

    @Test func answersAreCheckedBeforeAnyRequest() throws {
        var draft = TokenDraft(kind: .granular)
        #expect(throws: ShellError.self) { try TokenQuestion.cidr.apply("2001:db8::/32", to: &draft) }
        #expect(throws: ShellError.self) { try TokenQuestion.cidr.apply("10.0.0.0/33", to: &draft) }
        #expect(throws: ShellError.self) { try TokenQuestion.expires.apply("0", to: &draft) }
        #expect(throws: ShellError.self) { try TokenQuestion.permission.apply("admin", to: &draft) }
        try TokenQuestion.packages.apply("left-pad, @acme/web @acme", to: &draft)
        #expect(draft.packages == ["left-pad", "@acme/web"])
        #expect(draft.scopes == ["@acme"])
        #expect(!draft.packagesAll)
        try TokenQuestion.cidr.apply("any", to: &draft)
        #expect(draft.cidr.isEmpty)
    }

    @Test func flagProblemsNameTheFlag() throws {
        let packages = (1...51).map { "p\($0)" }.joined(separator: ",")
        let problems = TokenDraftBuilder.flagProblems(
            try F.command("token create --cidr ::1/128,10.0.0.0/33 --packages \(packages)"))
        #expect(problems.count == 3)
        #expect(problems.allSatisfy { $0.hasPrefix("--cidr") || $0.hasPrefix("--packages") })
    }

    @Test func missingFlagsWithoutATerminal() throws {
        #expect(
            TokenDraftBuilder.missingFlags(try F.command("token create"), kind: .granular)
                == ["--name", "--packages-and-scopes-permission (or --preset)", "--expires (or --preset)"])
        #expect(
            TokenDraftBuilder.missingFlags(try F.command("token create --name ci --preset ci-install"), kind: .granular)
                .isEmpty)
        #expect(TokenDraftBuilder.missingFlags(try F.command("token create --read-only"), kind: .classic).isEmpty)
    }

    @Test func flagsOfTheDraftParseBackToTheSameDraft() throws {
        let line =
            "token create --name ci --packages-and-scopes-permission read-write --packages @acme/web --scopes acme --expires 14 --cidr 192.0.2.0/24 --bypass-2fa"
        let command = try F.command(line)
        let draft = TokenDraftBuilder.draft(command, kind: .granular, preset: .custom, now: F.now)
        var rebuilt = try F.command("token create")
        for (flag, value) in draft.flags { try rebuilt.setFlag(flag, value) }
        let again = TokenDraftBuilder.draft(rebuilt, kind: .granular, preset: .custom, now: F.now)
        #expect(again == draft)
        #expect(draft.scopes == ["@acme"])
        #expect(draft.writes)
        guard case .granular(let request) = draft.request else {
            Issue.record("a granular draft sends the granular body")
            return
        }
        #expect(request.packagesAndScopesPermission == .readWrite)
        #expect(request.bypass2FA)
    }

    @Test func verificationCatchesAWriteGrantForAReadOnlyRequest() throws {
        var draft = TokenPreset.ciInstall.draft(kind: .granular, now: F.now)
        draft.cidr = ["192.0.2.0/24"]
        let granted = try F.granular(key: "k", name: "x", access: "read-write", expiresIn: 30, createdAgo: 0)
        let excess = GrantCheck.excess(asked: draft, granted: granted, now: F.now)
        #expect(excess.count == 2)
        #expect(excess[0].contains("read-write"))
        let faithful = try F.granular(
            key: "k", name: "x", expiresIn: 30, createdAgo: 0, cidr: "[\"192.0.2.0/24\"]")
        #expect(GrantCheck.excess(asked: draft, granted: faithful, now: F.now).isEmpty)
        let classic = try F.classic(key: "c", readonly: false)
        #expect(GrantCheck.excess(asked: draft, granted: classic, now: F.now).contains { $0.contains("classic") })
    }

    @Test func kindDetectionNeverNeedsACreate() throws {
        let granular = try F.granular(key: "g", name: "g")
        let classic = try F.classic(key: "c", readonly: true)
        #expect(TokenKindDetector.detect(.init(tokens: [classic], registry: "http://x/")).kind == .classic)
        #expect(
            TokenKindDetector.detect(.init(tokens: [classic, granular], registry: "http://x/")).kind == .granular)
        #expect(
            TokenKindDetector.detect(.init(tokens: [], registry: "https://registry.npmjs.org/")).kind == .granular
        )
        #expect(
            TokenKindDetector.detect(.init(forced: .classic, tokens: [granular], registry: "http://x/")).kind
                == .classic)
    }

    @Test func rotationKeepsTheRightsAndRenames() throws {
        let old = try F.granular(key: "k", name: "ci-read-20260101", access: "read-write", expiresIn: 10, createdAgo: 4)
        let draft = RotationPlan.draft(replacing: old, expiresDays: nil, now: F.now)
        #expect(draft.name == "ci-read-20270115")
        #expect(draft.permission == .readWrite)
        #expect(draft.expiresDays == 14)
        #expect(RotationPlan.newName(for: "ci", now: F.now) == "ci-20270115")
        #expect(RotationPlan.newName(for: "ci-20270115", now: F.now) == "ci-20270115-2")
    }
}
