/// `audit --check-live`: whether each literal token found still authenticates, asked of the one
/// registry it belongs to and of no other.
public enum LiveCheck {
    /// One token to ask about, and the only registry it may be sent to.
    public struct Target: Sendable, Equatable {
        public var token: Secret
        /// `file:line` as the findings show it.
        public var place: String
        public var registry: String

        public var masked: String { NpmToken.masked(token.reveal()) }
    }

    public enum Verdict: Sendable, Equatable {
        case live(user: String)
        case invalid
        /// Not sent: plain http to another host, or no answer.
        case unknown(String)
    }

    public struct Result: Sendable, Equatable {
        public var target: Target
        public var verdict: Verdict
    }

    /// The literal tokens of the collection, once each. A token on a config line for a registry
    /// (`//host/path/:_authToken=…`) belongs to that registry; any other is tried only against
    /// `current`, the registry in use; with `current` nil (a registry a project chose), such
    /// tokens are left out.
    public static func targets(in collection: AuditCollection, config: NpmConfig, current: String?) -> [Target] {
        var targets: [Target] = []
        for source in collection.sources where !source.isAbandonedStaging {
            for line in source.lines {
                for match in TokenMatcher.matches(in: line.text) where match.isConfident {
                    guard !targets.contains(where: { $0.token.reveal() == match.value }) else { continue }
                    guard let registry = registry(of: line.text, config: config) ?? current else { continue }
                    let place = source.path.isEmpty ? "line \(line.number)" : "\(source.path):\(line.number)"
                    targets.append(Target(token: Secret(match.value), place: place, registry: registry))
                }
            }
        }
        return targets
    }

    /// The registry a config line names: `//host/path/:_authToken=…`.
    static func registry(of text: String, config: NpmConfig) -> String? {
        let line = text.trimmingWhitespace()
        guard line.hasPrefix("//"), let marker = line.firstRange(of: ":_authToken") else { return nil }
        return config.registry(forNerfDart: String(line[..<marker.lowerBound]))
    }

    /// Whether a token may be sent to its registry at all: never over plain http to a host
    /// other than loopback.
    public static func mayAsk(_ registry: String) -> Bool {
        guard let url = RegistryURL(registry) else { return false }
        return url.scheme == "https" || (url.scheme == "http" && url.isLoopback)
    }

    public static func verdict(_ probe: StatusProbe) -> Verdict {
        switch probe.outcome {
        case .accepted: return .live(user: probe.user ?? "an unknown user")
        case .refused: return .invalid
        case .unreachable(let reason), .failed(let reason), .notAsked(let reason): return .unknown(reason)
        }
    }

    /// One line per token, for people.
    public static func text(_ results: [Result]) -> String {
        results.map { result in
            let registry = RegistryURL.redact(result.target.registry)
            let head = "\(result.target.masked) (\(result.target.place))"
            switch result.verdict {
            case .live(let user): return "live: \(head) works on \(registry) as \(TerminalText.line(user)): revoke it\n"
            case .invalid: return "no longer valid: \(head) is refused by \(registry)\n"
            case .unknown(let reason): return "not checked: \(head) on \(registry): \(TerminalText.line(reason))\n"
            }
        }.joined()
    }

    /// `{"liveChecks":[{"token","place","registry","state","user"}]}`, the token masked.
    public static func json(_ results: [Result]) -> String {
        let items = results.map { result in
            let (state, user): (String, String?) =
                switch result.verdict {
                case .live(let user): ("live", user)
                case .invalid: ("invalid", nil)
                case .unknown: ("unknown", nil)
                }
            return
                "{\"token\":\(JSONText.quote(result.target.masked)),\"place\":\(JSONText.quote(result.target.place)),"
                + "\"registry\":\(JSONText.quote(RegistryURL.redact(result.target.registry))),"
                + "\"state\":\(JSONText.quote(state)),\"user\":\(user.map(JSONText.quote) ?? "null")}"
        }
        return "{\"liveChecks\":[\(items.joined(separator: ","))]}\n"
    }
}
