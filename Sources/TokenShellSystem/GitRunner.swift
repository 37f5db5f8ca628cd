import TokenShellCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The two git questions `audit` asks: which files are tracked, and what commits added.
enum GitRunner {
    /// `git -C folder ARGS` split on `separator`; `nil` when git fails (not a repository, no git).
    static func lines(_ arguments: [String], in folder: String, separator: UInt8) -> [String]? {
        guard let output = run(arguments, in: folder) else { return nil }
        return output.split(separator: separator, omittingEmptySubsequences: true).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// Lines the commits of `folder`'s repository added under `folder`, newest commit first,
    /// with their line numbers in the new file. Only lines that could hold a token are kept.
    static func addedLines(in folder: String) -> [AuditSource] {
        let arguments = [
            "-c", "core.quotePath=false", "log", "-p", "--all", "--relative", "--no-color", "--no-ext-diff",
            "--no-textconv", "--no-renames", "--unified=0", "--format=commit %H",
        ]
        guard let output = run(arguments, in: folder) else { return [] }
        return parseLog(String(decoding: output, as: UTF8.self), root: folder)
    }

    /// Parses `git log -p --unified=0 --format='commit %H'` output.
    static func parseLog(_ log: String, root: String) -> [AuditSource] {
        var sources: [AuditSource] = []
        var commit = ""
        var file: String?
        var lines: [AuditSource.Line] = []
        var next = 0

        func flush() {
            if let file, !lines.isEmpty {
                sources.append(
                    AuditSource(
                        path: file, location: .commit(commit), lines: lines, absolutePath: root + "/" + file))
            }
            lines = []
        }

        for line in log.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("commit ") {
                flush()
                file = nil
                commit = String(line.dropFirst("commit ".count))
            } else if line.hasPrefix("+++ ") {
                flush()
                let path = line.dropFirst(4)
                file = path.hasPrefix("b/") ? String(path.dropFirst(2)) : nil
            } else if line.hasPrefix("@@ ") {
                next = hunkStart(line) ?? 0
            } else if line.hasPrefix("+"), file != nil {
                let text = String(line.dropFirst())
                if mayHoldToken(text) { lines.append(AuditSource.Line(number: next, text: text)) }
                next += 1
            }
        }
        flush()
        return sources
    }

    /// The new file's first line number in `@@ -a,b +c,d @@`.
    static func hunkStart(_ line: Substring) -> Int? {
        guard let plus = line.firstIndex(of: "+") else { return nil }
        let digits = line[line.index(after: plus)...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// The matcher needs `npm` or a credential key on the line; everything else is dropped early.
    static func mayHoldToken(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.contains("npm") || lower.contains("_authtoken") || lower.contains("auth_token")
    }

    /// Settings that keep the audited repository's own configuration from running commands: an
    /// untrusted checkout's `.git/config` can name an fsmonitor, hooks or an external diff.
    /// (`--no-ext-diff` and `--no-textconv` on `log` cover the diff drivers of `.gitattributes`.)
    static let untrustedRepositorySettings = [
        "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "diff.external=",
    ]

    static func run(_ arguments: [String], in folder: String) -> [UInt8]? {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_PAGER"] = "cat"
        guard
            let result = try? Subprocess.run(
                "/usr/bin/env", arguments: ["git", "-C", folder] + untrustedRepositorySettings + arguments,
                environment: environment, stderr: .null)
        else { return nil }
        return result.termination.succeeded ? result.output : nil
    }
}
