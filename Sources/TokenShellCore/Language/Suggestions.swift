/// "Did you mean" for mistyped commands, subcommands and flags.
///
/// A typo should cost one look, not a trip to the help page: candidates that start with what
/// was typed come first, then those within a small edit distance.
public enum Suggestions {
    /// Up to three candidates close to `typed`, best first.
    public static func closest(to typed: String, among candidates: [String]) -> [String] {
        let lowered = typed.lowercased()
        guard !lowered.isEmpty else { return [] }
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        let prefixed = unique.filter { $0.hasPrefix(lowered) }
        let limit = max(1, min(3, lowered.count / 3 + 1))
        let near =
            unique
            .map { (candidate: $0, distance: distance(lowered, $0)) }
            .filter { $0.distance <= limit && !prefixed.contains($0.candidate) }
            .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
            .map(\.candidate)
        return Array((prefixed + near).prefix(3))
    }

    /// "did you mean `token list`?" or nil when nothing is close.
    public static func hint(for typed: String, among candidates: [String], prefix: String) -> String? {
        let close = closest(to: typed, among: candidates)
        guard !close.isEmpty else { return nil }
        let quoted = close.map { "`\(prefix)\($0)`" }
        let list =
            quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
        return "did you mean \(list)?"
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    public static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
