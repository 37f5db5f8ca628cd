extension SandboxConfiguration.User {
    /// Accounts from `--users-file`: one `NAME:PASSWORD[:otp|:webotp]` per line, as `--user`
    /// takes them, so that passwords stay out of the process table (anyone on the machine can
    /// read another process's arguments in `/proc/PID/cmdline`). Blank lines and lines starting
    /// with `#` are skipped; an error names the line, never its password.
    public static func parseList(_ text: String, source: String) throws(SandboxConfigurationError) -> [Self] {
        var users: [Self] = []
        // `isNewline`, not "\n": in Swift "\r\n" is one Character, which a split on "\n" misses.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                users.append(try parse(String(line)))
            } catch {
                throw SandboxConfigurationError(
                    "\(source) line \(index + 1): \(error.description.replacing("--user", with: "an account"))")
            }
        }
        return users
    }
}
