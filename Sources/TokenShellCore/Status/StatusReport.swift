#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `status`: for each registry with a credential, who it belongs to, its kind, where it is
/// kept, when it expires and what needs attention; and the exit status that sums it up.
public struct StatusReport: Sendable {
    public struct Entry: Sendable {
        public var subject: StatusSubject
        public var probe: StatusProbe
        /// Found without the network: plain http, a loose file mode, a literal token in a project file.
        public var localProblems: [String]

        public var kind: String {
            if let listed = probe.listed { return listed.kind.rawValue }
            // A login is kept in the user config; an unlisted token elsewhere is just a token.
            if subject.localKind == "token", probe.listRead, subject.credential?.source == .user || subject.isLogin {
                return "login session"
            }
            return subject.localKind
        }

        public var expires: Date? { probe.listed?.expiresDate }

        public func problems(now: Date) -> [String] {
            var problems = localProblems
            switch probe.outcome {
            case .accepted: break
            case .refused(let message): problems.append("refused by the registry: \(message)")
            case .unreachable(let message): problems.append("could not reach the registry: \(message)")
            case .failed(let message): problems.append("the registry's answer was unexpected: \(message)")
            case .notAsked: break
            }
            if let expires, expires.timeIntervalSince(now) < 7 * 86_400 {
                let days = max(0, Int((expires.timeIntervalSince(now) / 86_400).rounded(.down)))
                problems.append(days == 0 ? "expires within a day" : "expires in \(days) day\(days == 1 ? "" : "s")")
            }
            return problems
        }

        /// `ok`, `attention`, `refused` or `unreachable`.
        public func state(now: Date) -> String {
            switch probe.outcome {
            case .refused: return "refused"
            case .unreachable: return "unreachable"
            case .accepted, .failed, .notAsked: return problems(now: now).isEmpty ? "ok" : "attention"
            }
        }
    }

    public var entries: [Entry]
    public var now: Date

    public init(entries: [Entry], now: Date) {
        self.entries = entries
        self.now = now
    }

    /// 4 when a registry cannot be reached, else 3 when a credential is refused, else 1 when
    /// something needs attention (or there is no credential at all), else 0.
    public var exitStatus: ExitStatus {
        let states = entries.map { $0.state(now: now) }
        if states.contains("unreachable") { return .unreachable }
        if states.contains("refused") { return .authentication }
        if states.isEmpty || states.contains("attention") { return .failure }
        return .success
    }

    public var text: String {
        guard !entries.isEmpty else {
            return "No credentials found in the npm configs or the environment.\n"
        }
        var out = ""
        for entry in entries {
            let who = entry.probe.user.map { "as \(TerminalText.line($0))" } ?? "user unknown"
            var facts = ["\(entry.kind)", "in \(entry.subject.store)"]
            if let expires = entry.expires {
                facts.append("expires \(ISOTimestamp.format(expires))")
            } else if entry.probe.listed != nil {
                facts.append("never expires")
            }
            out += "\(entry.state(now: now)): \(RegistryURL.redact(entry.subject.registry)) \(who) "
            out += "(\(facts.joined(separator: ", ")))\n"
            for problem in entry.problems(now: now) { out += "  - \(TerminalText.line(problem))\n" }
        }
        return out
    }

    public var json: String {
        let items = entries.map { entry in
            let problems = entry.problems(now: now).map(JSONText.quote).joined(separator: ",")
            return "{\"registry\":\(JSONText.quote(RegistryURL.redact(entry.subject.registry))),"
                + "\"user\":\(entry.probe.user.map(JSONText.quote) ?? "null"),"
                + "\"kind\":\(JSONText.quote(entry.kind)),\"store\":\(JSONText.quote(entry.subject.store)),"
                + "\"expires\":\(entry.expires.map { JSONText.quote(ISOTimestamp.format($0)) } ?? "null"),"
                + "\"state\":\(JSONText.quote(entry.state(now: now))),\"problems\":[\(problems)]}"
        }
        return "{\"registries\":[\(items.joined(separator: ","))],\"exitCode\":\(exitStatus.rawValue)}\n"
    }
}
