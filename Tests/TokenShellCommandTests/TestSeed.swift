import Foundation

/// The seed of a randomised test: a fresh one on each run, or `TOKENSH_TEST_SEED` to replay a
/// failure. Every failure message names it. (TokenShellCoreTests has the same small type: test
/// targets share no code.)
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

    /// SplitMix64: the same sequence for the same seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    var generator: Generator { Generator(state: value) }

    var description: String { "seed \(value) (TOKENSH_TEST_SEED=\(value) replays it)" }
}
