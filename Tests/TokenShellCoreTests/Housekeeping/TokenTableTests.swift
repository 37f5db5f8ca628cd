import Foundation
import Testing

@testable import TokenShellCore

@Suite struct TokenTableTests {
    typealias F = HousekeepingFixtures

    @Test func shortIDsFollowNpmsRule() throws {
        var tokens: [RegistryToken] = []
        for index in 0..<300 {
            let key = TokenKey.key(for: "token-\(index)")
            tokens.append(try F.classic(key: key, readonly: true))
        }
        tokens.append(try F.classic(key: "abcdef0123", readonly: true))
        tokens.append(try F.classic(key: "abcdef0199", readonly: true))
        tokens.append(try F.classic(key: "abc", readonly: true))
        let ids = RegistryToken.shortIDs(for: tokens)
        #expect(ids == ShortIDTests.naive(tokens.map(\.key), minimum: 6))
        #expect(Array(ids.suffix(3)) == ["abcdef012", "abcdef019", "abc"])
    }

    @Test(arguments: [80, 200])
    func everyLineFitsTheWidth(width: Int) throws {
        var tokens: [RegistryToken] = []
        for index in 0..<50 {
            tokens.append(
                try F.granular(
                    key: TokenKey.key(for: "\(index)"), name: "a-very-long-token-name-for-the-ci-pipeline-\(index)",
                    access: index % 2 == 0 ? "read-write" : "read-only", expiresIn: Double(index) - 5,
                    cidr: "[\"192.0.2.0/24\",\"198.51.100.0/24\"]", bypass: index % 3 == 0))
        }
        let text = TokenTable(width: width, now: F.now).render(TokenRow.rows(for: tokens))
        let lines = text.split(separator: "\n")
        #expect(lines.count >= 52)
        #expect(lines.allSatisfy { Self.columns(String($0)) <= width })
        #expect(lines[0].hasPrefix("ID"))
        #expect(text.contains("X expired"))
        #expect(text.contains("W write access"))
        #expect(text.contains("B bypasses 2FA"))
        if width == 200 { #expect(text.contains("a-very-long-token-name-for-the-ci-pipeline-1 ")) }
    }

    /// Terminal columns as a terminal shows the text of these tests, counted without
    /// `TerminalColumns`: ASCII and `…` take one, the wide characters the names use two.
    static func columns(_ line: String) -> Int {
        line.reduce(0) { total, character in
            if character.isASCII || character == "…" { return total + 1 }
            if wideInNames.contains(character) { return total + 2 }
            Issue.record("no known width for \(character.unicodeScalars.map { String($0.value, radix: 16) })")
            return total + 2
        }
    }

    /// CJK, emoji, kana supplement and enclosed ideographs: each two columns in a terminal.
    static let wideInNames: Set<Character> = ["名", "前", "東", "京", "🙂", "🚀", "🈂", "🈐", "\u{1B001}", "\u{1B002}"]

    static let wideNames = [
        "名前🙂-ci", "🚀東京-deploy-pipeline", "🈂🈐-release", "\u{1B001}\u{1B002}-kana-build", "東京東京東京東京東京東京",
    ]

    @Test(
        "seams bug 8: rows with wide characters fit the terminal by display width",
        arguments: [12, 20, 27, 33, 40, 57, 80, 120, 200])
    func wideNamesFitByDisplayWidth(width: Int) throws {
        var tokens: [RegistryToken] = []
        for (index, name) in Self.wideNames.enumerated() {
            tokens.append(
                try F.granular(
                    key: TokenKey.key(for: "wide-\(index)"), name: name,
                    access: index % 2 == 0 ? "read-write" : "read-only",
                    cidr: index % 3 == 0 ? "[\"192.0.2.0/24\"]" : "null"))
        }
        let rows = TokenRow.rows(for: tokens)
        let table = TokenTable(width: width, now: F.now)
        let lines = table.render(rows).split(separator: "\n").map(String.init)
        #expect(lines.count >= rows.count + 1)
        for line in lines {
            #expect(Self.columns(line) <= width, "\(line)")
        }
        guard width >= 120 else { return }
        // Nothing is cut at this width: every row's PERMISSIONS cell starts under the header's.
        let header = try #require(lines.first)
        let start = Self.columns(String(try #require(header.components(separatedBy: "PERMISSIONS").first)))
        for (row, line) in zip(rows, lines.dropFirst()) {
            let cell = table.cells(row)[2]
            let before = try #require(line.components(separatedBy: "  " + cell).first)
            #expect(Self.columns(before) + 2 == start, "\(line)")
        }
    }

    @Test func cellsAreCutByCharactersNotBytes() {
        #expect(TokenTable.fit("abcdefgh", width: 5) == "abcd…")
        #expect(TokenTable.fit("héllo-wörld", width: 6) == "héllo…")
        #expect(TokenTable.fit("🙂🙂🙂🙂", width: 5) == "🙂🙂…")
        #expect(TokenTable.fit("e\u{301}e\u{301}e\u{301}", width: 2) == "e\u{301}…")
        #expect(TokenTable.fit("abc", width: 1) == "a")
        #expect(TokenTable.fit("abc", width: 3) == "abc")
        #expect(TokenTable.length("héllo") == 5)
        #expect(TokenTable.length("ascii") == 5)
        // Wide characters take two columns; one that does not fit leaves a space.
        #expect(TokenTable.length("名前🙂") == 6)
        #expect(TokenTable.fit("名前名前", width: 4) == "名… ")
        #expect(TokenTable.fit("a名前", width: 4) == "a名…")
    }

    @Test func marksSayWhatNeedsAttention() throws {
        let soon = TokenRow(id: "a", token: try F.granular(key: "a1", name: "x", access: "read-write", expiresIn: 3))
        #expect(soon.marks(now: F.now) == "!W*")
        let gone = TokenRow(
            id: "b", token: try F.granular(key: "b1", name: "y", expiresIn: -1, cidr: "[\"10.0.0.0/8\"]"))
        #expect(gone.marks(now: F.now) == "X")
        #expect(gone.expirySummary(now: F.now).hasPrefix("1d ago "))
        let classic = TokenRow(id: "c", token: try F.classic(key: "c1", readonly: false))
        #expect(classic.marks(now: F.now) == "W*")
        #expect(classic.expirySummary(now: F.now) == "never")
    }

    @Test func queryFiltersSortsAndSelectsExpiring() throws {
        let rows = TokenRow.rows(for: [
            try F.granular(key: "k1", name: "zeta", expiresIn: 20, createdAgo: 1),
            try F.granular(key: "k2", name: "alpha", expiresIn: 5, createdAgo: 9),
            try F.granular(key: "k3", name: "ci-beta", expiresIn: -2, createdAgo: 5),
        ])
        #expect(TokenListQuery(sort: .name).apply(rows, now: F.now).map(\.token.name) == ["alpha", "ci-beta", "zeta"])
        #expect(TokenListQuery(sort: .created).apply(rows, now: F.now).map(\.token.key) == ["k2", "k3", "k1"])
        #expect(TokenListQuery(sort: .expires).apply(rows, now: F.now).map(\.token.key) == ["k3", "k2", "k1"])
        #expect(TokenListQuery(filter: "BETA").apply(rows, now: F.now).map(\.token.key) == ["k3"])
        #expect(TokenListQuery(expiringDays: 7).apply(rows, now: F.now).map(\.token.key) == ["k2"])
    }

    @Test func jsonHasTheSchemaOfTheDesign() throws {
        let rows = TokenRow.rows(for: [try F.classic(key: "abcdef99", readonly: true)])
        let json = try #require(RegistryJSON.parse(TokenListJSON.render(rows, now: F.now)))
        let first = try #require(json.arrayValue?.first)
        #expect(first["id"]?.stringValue == "abcdef")
        #expect(first["key"]?.stringValue == "abcdef99")
        #expect(first["name"] == .null)
        #expect(first["kind"]?.stringValue == "classic")
        #expect(first["access"]?.stringValue == "read-only")
        #expect(first["cidr"] == .array([]))
        #expect(first["expires"] == .null)
        #expect(first["created"]?.stringValue != nil)
    }

    @Test func pruneSelectsByAnyCriterionAndSparesTheShellsOwnToken() throws {
        let rows = TokenRow.rows(for: [
            try F.granular(key: "old", name: "old", expiresIn: 60, createdAgo: 100),
            try F.granular(key: "dead", name: "dead", expiresIn: -1),
            try F.granular(key: "mine", name: "mine", expiresIn: -1),
            try F.granular(key: "fresh", name: "fresh", expiresIn: 60),
        ])
        let selection = PruneSelection(expired: true, olderThanDays: 90)
        #expect(selection.select(rows, now: F.now, protectedKey: "mine").map(\.token.key) == ["old", "dead"])
        #expect(PruneSelection().isEmpty)
    }
}
