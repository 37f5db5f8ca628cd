import Foundation
import Testing
import TokenShellCore

/// Every committed fuzz input — the seed corpora and each crash the fuzzers found — replayed
/// through the same properties the fuzz targets check (`Fuzz/corpus/TARGET`,
/// `Fuzz/regressions/TARGET`).
@Suite struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(_ kind: String) -> [(target: String, file: String)] {
        FuzzProperties.targets.keys.sorted().flatMap { target in
            let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { (target, folder.appendingPathComponent($0).path) }
        }
    }

    @Test func everyTargetHasASeedCorpus() {
        let seeded = Set(Self.inputs("corpus").map(\.target))
        #expect(seeded == Set(FuzzProperties.targets.keys))
    }

    @Test(arguments: inputs("corpus") + inputs("regressions"))
    func inputKeepsItsProperty(target: String, file: String) throws {
        let check = try #require(FuzzProperties.targets[target])
        let bytes = try #require(FileManager.default.contents(atPath: file))
        #expect(check(Array(bytes)) == nil, "\(file)")
    }

    /// Found by the command-line target: `ShellQuoting.quote` wraps U+036C in single quotes, and
    /// `'` + U+036C is one grapheme cluster, so a lexer scanning Characters never saw the quote.
    @Test(arguments: ["\u{036C}", "\u{0301}x", "a\u{20DD}", "'\u{0301}"])
    func quoteBeforeACombiningMark(value: String) throws {
        let words = try Lexer.words(in: ShellQuoting.quote(value), variables: { _ in nil })
        #expect(words.map(\.value) == [value])
        let double = try Lexer.words(in: "\"" + value + "\" x", variables: { _ in nil })
        #expect(double.map(\.value) == [value, "x"])
    }

    /// Found by the command-line target (Fuzz/known-issues/command-line-double-dash-positional):
    /// a positional `--` (typed after a first `--`) was rendered bare, and then read as the end
    /// of flags, so the canonical line lost it.
    @Test(arguments: ["help -- a -- b", "help -- -x", "token revoke -- -abc --yes"])
    func positionalsThatLookLikeFlagsSurviveTheCanonicalLine(line: String) throws {
        let parser = CommandParser()
        let command = try #require(try parser.parse(line, variables: { _ in nil }))
        let again = try parser.parse(CanonicalLine.render(command), variables: { _ in nil })
        #expect(again?.positionals == command.positionals)
        #expect(again?.flags == command.flags)
    }

    @Test func wellFormedInputsPass() {
        #expect(FuzzProperties.npmrc(Array("a=1\n".utf8)) == nil)
        #expect(FuzzProperties.commandLine(Array("whoami".utf8)) == nil)
        #expect(FuzzProperties.registryJSON(Array("{\"a\":[1,2]}".utf8)) == nil)
    }
}
