import ArgumentParser
import Testing

@testable import tokensh

/// The quick reader must never disagree with ArgumentParser: whatever it accepts, ArgumentParser
/// reads to the same values; everything else is left to ArgumentParser.
@Suite struct LaunchArgumentsTests {
    static func parsedByArgumentParser(_ arguments: [String]) -> LaunchArguments? {
        (try? TokenShellCommand.parseAsRoot(arguments) as? TokenShellCommand)?.launchArguments
    }

    static let fastPath: [[String]] = [
        [], ["-c", "whoami"], ["-c", "whoami", "-c", "token list"],
        ["--registry", "http://127.0.0.1:4873/", "--userconfig", "/tmp/npmrc", "-c", "token list --json"],
        ["--registry=http://127.0.0.1:4873/", "--userconfig=/tmp/npmrc", "--timeout=2.5", "setup.tokensh"],
        ["setup.tokensh", "--keep-going", "--echo", "--dry-run"],
        ["--json", "--no-color", "--yes", "--no-history", "--allow-insecure-registry", "--sandbox"],
        ["--record", "out.tokensh", "--timeout", "30"], ["-c", ""], ["--timeout", "1e1"],
        ["--step", "setup.tokensh"], ["--record-cast", "demo.cast", "-c", "whoami"],
        ["--record", "setup.tokensh", "--record-cast=demo.cast"],
    ]

    @Test(arguments: fastPath)
    func commonCommandLinesTakeTheQuickPathAndAgree(arguments: [String]) throws {
        let quick = try #require(LaunchArguments.quickParse(arguments))
        #expect(quick == Self.parsedByArgumentParser(arguments))
    }

    static let leftToArgumentParser: [[String]] = [
        ["--help"], ["-h"], ["--version"], ["help"], ["sandbox"], ["--json", "sandbox"], ["a.tokensh", "b.tokensh"],
        ["-c", "whoami", "script.tokensh"], ["--json", "--json"], ["--registry", "a", "--registry", "b"],
        ["--timeout", "soon"], ["--registry"], ["-c"], ["-c", "-x"], ["-cwhoami"], ["-c=whoami"], ["--json=yes"],
        ["--unknown"], ["-"], ["--"], ["--registry=", "x"], ["--generate-completion-script", "bash"],
        ["--password", "x"], ["--step"], ["--step", "-c", "whoami"], ["--record-cast"],
    ]

    @Test(arguments: leftToArgumentParser)
    func everythingElseIsLeftToArgumentParser(arguments: [String]) {
        #expect(LaunchArguments.quickParse(arguments) == nil)
    }

    /// Random command lines from options, values and stray words: agreement whenever the quick
    /// reader answers (a failure names the command line), and it answers for a good share.
    @Test func randomCommandLinesNeverDisagree() {
        let pool = [
            "-c", "whoami", "--registry", "http://127.0.0.1:1/", "--userconfig", "/tmp/u", "--json", "--yes",
            "--timeout", "2", "-1", "x.tokensh", "--record", "--record=r", "--timeout=0.5", "--echo", "--sandbox",
            "help", "sandbox", "--", "-", "--dry-run", "--keep-going", "--no-color", "--no-history", "=", "",
            "--allow-insecure-registry", "-h", "--registry=", "token list", "--step", "--record-cast",
            "--record-cast=c.cast",
        ]
        let seed = TestSeed()
        var generator = seed.generator
        var answered = 0
        for _ in 0..<1_500 {
            let count = Int.random(in: 0..<6, using: &generator)
            let arguments = (0..<count).map { _ in pool.randomElement(using: &generator)! }
            guard let quick = LaunchArguments.quickParse(arguments) else { continue }
            answered += 1
            #expect(quick == Self.parsedByArgumentParser(arguments), "\(arguments); \(seed)")
        }
        #expect(answered > 150, "\(seed)")
    }
}
