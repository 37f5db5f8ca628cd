import Testing
import TokenShellCore

@Suite struct ShortIDTests {
    /// npm's rule stated directly: the shortest prefix (at least `minimum`) no other key shares.
    static func naive(_ keys: [String], minimum: Int) -> [String] {
        keys.indices.map { index in
            let key = Array(keys[index])
            var length = max(minimum, 1)
            while length < key.count {
                let prefix = key.prefix(length)
                let shared = keys.indices.contains { $0 != index && Array(keys[$0]).prefix(length) == prefix }
                if !shared { return String(prefix) }
                length += 1
            }
            return keys[index]
        }
    }

    @Test(arguments: [1, 6])
    func sortedNeighboursGiveTheSameIDsAsComparingEveryPair(minimum: Int) throws {
        // Keys from a tiny alphabet share long prefixes, duplicates and prefixes of each other.
        var state: UInt64 = 7
        let keys = (0..<300).map { index -> String in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = 3 + Int(state >> 59)
            let letters = (0..<length).map { shift in (state >> UInt64(shift + 20)) & 1 == 0 ? "a" : "b" }
            return index % 50 == 0 ? "abab" : letters.joined()
        }
        let tokens = try keys.map { key in try #require(RegistryToken(json: .object([("key", .string(key))]))) }
        #expect(RegistryToken.shortIDs(for: tokens, minimumLength: minimum) == Self.naive(keys, minimum: minimum))
    }
}
