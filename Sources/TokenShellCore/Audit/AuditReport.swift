/// The findings of one audit, sorted, and the two ways they are shown (design §3).
public struct AuditReport: Sendable, Equatable {
    /// Most severe first, then by file and line.
    public var findings: [AuditFinding]

    public init(findings: [AuditFinding]) {
        self.findings = findings.sorted { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            if lhs.file != rhs.file { return (lhs.file ?? "~") < (rhs.file ?? "~") }
            return (lhs.line ?? 0) < (rhs.line ?? 0)
        }
    }

    /// `audit` exits 1 exactly when this is true.
    public var hasHighSeverity: Bool {
        findings.contains { $0.severity == .high }
    }

    public func count(_ severity: AuditSeverity) -> Int {
        findings.filter { $0.severity == severity }.count
    }

    /// `{"findings":[{"severity","kind","file","line","message","fix"}]}` on one line.
    public var json: String {
        let items = findings.map { finding in
            "{\"severity\":\(JSONText.quote(finding.severity.rawValue)),\"kind\":\(JSONText.quote(finding.kind.rawValue)),"
                + "\"file\":\(finding.file.map(JSONText.quote) ?? "null"),\"line\":\(finding.line.map(String.init) ?? "null"),"
                + "\"message\":\(JSONText.quote(finding.message)),\"fix\":\(JSONText.quote(finding.fix))}"
        }
        return "{\"findings\":[" + items.joined(separator: ",") + "]}\n"
    }

    /// For people: severity and place, then the explanation and the fix, indented; a summary last.
    public func text(width: Int = 100) -> String {
        var text = ""
        let indent = "        "
        for finding in findings {
            let name = finding.severity.rawValue
            let label = name + String(repeating: " ", count: max(1, indent.count - name.count))
            // Paths and quoted lines come from the disk: shown without control characters.
            let message = TextWrapper.wrap(TerminalText.line(finding.message), width: width, indent: indent)
            let fix = TextWrapper.wrap("fix: " + TerminalText.line(finding.fix), width: width, indent: indent)
            text += label + TerminalText.line(finding.location) + "\n"
            text += message.joined(separator: "\n") + "\n"
            text += fix.joined(separator: "\n") + "\n"
        }
        return text + summary + "\n"
    }

    /// `3 findings: 1 high, 1 medium, 1 info.` or `No findings.`
    public var summary: String {
        guard !findings.isEmpty else { return "No findings." }
        let parts = AuditSeverity.allCases.compactMap { severity in
            count(severity) > 0 ? "\(count(severity)) \(severity.rawValue)" : nil
        }
        let noun = findings.count == 1 ? "finding" : "findings"
        return "\(findings.count) \(noun): " + parts.joined(separator: ", ") + "."
    }
}
