import Foundation
import TokenShellCore

/// The seed of a randomised test: a fresh one on each run, so runs cover new cases, or
/// `TOKENSH_TEST_SEED` to replay a failure. Every failure message names it.
struct TestSeed: CustomStringConvertible {
    let value: UInt64

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let text = environment["TOKENSH_TEST_SEED"], let seed = UInt64(text) {
            value = seed
        } else {
            var system = SystemRandomNumberGenerator()
            value = system.next()
        }
    }

    /// A generator that replays the same sequence for the same seed.
    var generator: SplitMix64 { SplitMix64(state: value) }

    var description: String { "seed \(value) (TOKENSH_TEST_SEED=\(value) replays it)" }
}
