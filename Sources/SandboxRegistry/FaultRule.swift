import Foundation

/// One `--fault` rule: a failure the sandbox injects, for reliability tests of clients.
///
/// Syntax: `KIND[=VALUE][,OPTION=VALUE]...`
/// - `latency=200ms` (or `2s`, or a plain number of milliseconds): every matching request waits first.
/// - `500=P`, `503=P`: answer that status with share P (0...1, default 1) of matching requests.
/// - `429=P,retry-after=N`: answer 429 with `Retry-After: N` seconds (default 1).
/// - `malformed=P`: handle the request, then send its JSON body cut short (invalid JSON).
/// - `drop=P`: send headers announcing a longer body than is written, then close the connection.
/// - `grant-write`: token creation grants read-write whatever was asked (a registry that ignores
///   the granular fields), so clients can test that they verify what was granted.
/// - `path=/-/npm/v1/tokens`: only requests whose path (after the registry prefix) starts with this.
public struct FaultRule: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case latency(milliseconds: Int)
        case status(Int, retryAfter: Int?)
        case malformed
        case drop
        case grantWrite
    }

    public var kind: Kind
    /// Share of matching requests affected, 0...1 (latency always applies).
    public var probability: Double
    /// Path prefix relative to the registry root, e.g. `/-/whoami`; `nil` for all requests.
    public var pathPrefix: String?

    public init(kind: Kind, probability: Double = 1, pathPrefix: String? = nil) {
        self.kind = kind
        self.probability = probability
        self.pathPrefix = pathPrefix
    }

    /// Parses one `--fault` value.
    public static func parse(_ text: String) throws(SandboxConfigurationError) -> FaultRule {
        let items = text.split(separator: ",").map { item -> (String, String?) in
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return (pair[0].lowercased(), pair.count > 1 ? pair[1] : nil)
        }
        guard let (head, headValue) = items.first else { throw SandboxConfigurationError("--fault is empty") }
        var rule: FaultRule
        switch head {
        case "latency":
            guard let headValue, let milliseconds = parseMilliseconds(headValue) else {
                throw SandboxConfigurationError("--fault latency needs a duration, e.g. latency=200ms or latency=2s")
            }
            rule = FaultRule(kind: .latency(milliseconds: milliseconds))
        case "500", "503", "429":
            rule = FaultRule(kind: .status(Int(head) ?? 500, retryAfter: head == "429" ? 1 : nil))
            rule.probability = try parseProbability(headValue, kind: head)
        case "malformed":
            rule = FaultRule(kind: .malformed, probability: try parseProbability(headValue, kind: head))
        case "drop":
            rule = FaultRule(kind: .drop, probability: try parseProbability(headValue, kind: head))
        case "grant-write":
            rule = FaultRule(kind: .grantWrite)
        default:
            throw SandboxConfigurationError(
                "--fault '\(head)' is unknown: use latency, 500, 503, 429, malformed, drop or grant-write (see --help)")
        }
        for (option, value) in items.dropFirst() {
            switch option {
            case "retry-after":
                guard case .status(429, _) = rule.kind, let value, let seconds = Int(value), seconds >= 0 else {
                    throw SandboxConfigurationError("--fault retry-after=N (seconds) goes with 429")
                }
                rule.kind = .status(429, retryAfter: seconds)
            case "path":
                guard let value, value.hasPrefix("/") else {
                    throw SandboxConfigurationError("--fault path= needs a path starting with /")
                }
                rule.pathPrefix = value
            default:
                throw SandboxConfigurationError("--fault option '\(option)' is unknown: use retry-after= or path=")
            }
        }
        return rule
    }

    /// Whether the rule covers `path` (relative to the registry root, starting with `/`).
    public func matches(path: String) -> Bool {
        guard let pathPrefix else { return true }
        return path.hasPrefix(pathPrefix)
    }

    private static func parseProbability(_ value: String?, kind: String) throws(SandboxConfigurationError) -> Double {
        guard let value else { return 1 }
        guard let probability = Double(value), (0...1).contains(probability) else {
            throw SandboxConfigurationError("--fault \(kind)=P needs a share between 0 and 1")
        }
        return probability
    }

    private static func parseMilliseconds(_ value: String) -> Int? {
        let lower = value.lowercased()
        if lower.hasSuffix("ms") { return Int(lower.dropLast(2)).flatMap { $0 >= 0 ? $0 : nil } }
        if lower.hasSuffix("s"), let seconds = Double(lower.dropLast()), seconds >= 0 { return Int(seconds * 1000) }
        return Int(lower).flatMap { $0 >= 0 ? $0 : nil }
    }
}
