/// Matches decoded path segments against a pattern where `*` captures one segment.
struct PathMatcher {
    let segments: [String]

    init(_ segments: [String]) { self.segments = segments }

    /// The captured segments, or `nil` when the path has another shape.
    func match(_ pattern: String...) -> [String]? {
        guard pattern.count == segments.count else { return nil }
        var captured: [String] = []
        for (expected, actual) in zip(pattern, segments) {
            if expected == "*" {
                captured.append(actual)
            } else if expected != actual {
                return nil
            }
        }
        return captured
    }
}
