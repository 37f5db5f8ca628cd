#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The comment lines that open a recorded script: how to run it, its format version, and when
/// and against which registry it was recorded.
///
/// The version line is what lets a later tokensh change the format without an old one
/// misreading a new script: a reader refuses versions it does not know instead of guessing.
public struct ScriptHeader: Sendable, Equatable {
    /// The format versions this tokensh reads; it writes the last one.
    public static let readableVersions = [1]
    public static let currentVersion = 1

    /// The format version named by `# tokensh script vN`; nil for a hand-written file without one.
    public var version: Int?
    /// The ISO 8601 time of `# recorded TIME against REGISTRY`.
    public var recordedAt: String?
    /// The registry the script was recorded against: where a replay goes unless told otherwise.
    public var registry: String?
    /// The variables `# needs: A, B` declares: a replay asks for the missing ones (at a
    /// terminal) or names them all and stops, before the first command runs.
    public var needs: [String] = []

    public init(version: Int? = nil, recordedAt: String? = nil, registry: String? = nil, needs: [String] = []) {
        self.version = version
        self.recordedAt = recordedAt
        self.registry = registry
        self.needs = needs
    }

    static let shebang = "#!/usr/bin/env tokensh"
    static let versionPrefix = "# tokensh script v"
    static let recordedPrefix = "# recorded "
    static let needsPrefix = "# needs:"

    /// Whether a leading comment line is part of the header rather than a note about the first
    /// command.
    static func isHeaderLine(_ trimmed: Substring) -> Bool {
        trimmed.hasPrefix("#!") || trimmed.hasPrefix(versionPrefix) || trimmed.hasPrefix(needsPrefix)
            || (trimmed.hasPrefix(recordedPrefix) && trimmed.contains(" against "))
    }

    /// The three header lines, each ending in a newline. A password in the registry URL is
    /// never written (`user:***@`): scripts are shared, committed and replayed elsewhere.
    public static func render(recordedAt date: Date, registry: String) -> String {
        """
        \(shebang)
        \(versionPrefix)\(currentVersion)
        \(recordedPrefix)\(isoTime(date)) against \(RegistryURL.redact(registry))

        """
    }

    /// `2026-11-29T10:00:00Z`: UTC, whole seconds, as the design's example shows.
    public static func isoTime(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Reads one leading comment line into the header. Throws for a version this tokensh cannot
    /// read, naming the versions it can.
    mutating func read(commentLine line: String, source: String) throws(ShellError) {
        if line.hasPrefix(Self.versionPrefix) {
            let text = String(line.dropFirst(Self.versionPrefix.count)).trimmingWhitespace()
            guard let number = Int(text), Self.readableVersions.contains(number) else {
                let known = Self.readableVersions.map { "v\($0)" }.joined(separator: ", ")
                throw ShellError(
                    .usage,
                    "\(source) is a tokensh script v\(text); this tokensh (reads \(known)) cannot run it",
                    hint: "replay it with a tokensh that reads v\(text), or record the script again with this one",
                    code: "ESCRIPTVERSION")
            }
            version = number
        } else if line.hasPrefix(Self.needsPrefix) {
            try readNeeds(String(line.dropFirst(Self.needsPrefix.count)), source: source)
        } else if line.hasPrefix(Self.recordedPrefix), let range = line.firstRange(of: " against ") {
            recordedAt = String(
                line[line.index(line.startIndex, offsetBy: Self.recordedPrefix.count)..<range.lowerBound])
            let registry = String(line[range.upperBound...]).trimmingWhitespace()
            if !registry.isEmpty { self.registry = String(registry) }
        }
    }

    /// `NAME, NAME` (commas or spaces; `${NAME}` is read as NAME). A word that cannot be a
    /// variable name is refused: the line is the script's promise of what it reads.
    private mutating func readNeeds(_ text: String, source: String) throws(ShellError) {
        let words = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
        for word in words {
            var name = Substring(word)
            if name.hasPrefix("${"), name.hasSuffix("}") { name = name.dropFirst(2).dropLast() }
            guard Lexer.isVariableName(String(name)) else {
                throw ShellError(
                    .usage, "\(source): `# needs:` names `\(word)`, which is not a variable name",
                    hint: "list names such as REGISTRY or TEAM_SCOPE, separated by commas", code: "ESCRIPTNEEDS")
            }
            if !needs.contains(String(name)) { needs.append(String(name)) }
        }
    }
}
