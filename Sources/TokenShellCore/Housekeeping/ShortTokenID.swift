/// npm's short ids, computed in O(n log n) so a list of thousands stays instant.
///
/// The rule is npm's (`RegistryToken.shortIDs`): the shortest prefix of each key, at least
/// `minimumLength` long, that no other listed key shares; the full key when there is none.
/// Sorting the keys means only the neighbours can share the longest prefix with a key.
public enum ShortTokenID {
    public static func ids(for tokens: [RegistryToken], minimumLength: Int = 6) -> [String] {
        let keys = tokens.map { Array($0.key.utf8) }
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var needed = [Int](repeating: max(minimumLength, 1), count: keys.count)
        for (position, index) in order.enumerated() where position > 0 {
            let previous = order[position - 1]
            let shared = commonPrefixLength(keys[index], keys[previous])
            needed[index] = max(needed[index], shared + 1)
            needed[previous] = max(needed[previous], shared + 1)
        }
        return tokens.indices.map { index in
            let key = tokens[index].key
            return needed[index] >= key.utf8.count ? key : String(key.prefix(needed[index]))
        }
    }

    static func commonPrefixLength(_ left: [UInt8], _ right: [UInt8]) -> Int {
        var length = 0
        while length < left.count, length < right.count, left[length] == right[length] { length += 1 }
        return length
    }
}
