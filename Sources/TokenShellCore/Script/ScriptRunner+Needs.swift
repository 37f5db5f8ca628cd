/// `# needs: A, B`: the variables a script reads, provided before its first command runs.
extension ScriptRunner {
    /// Asks for each missing variable at a terminal (a secret-looking name with echo off), or
    /// fails naming every missing one, before anything has run. A dry run only names them.
    mutating func provideNeeds() throws(ShellError) {
        // A secret from the environment is hidden wherever a step or a dry run shows it expanded.
        for name in header.needs where Self.looksSecret(name) {
            if let value = shell.session.variables.lookup(name), !value.isEmpty {
                shell.session.noteSecret(Secret(value))
            }
        }
        var missing = header.needs.filter { (shell.session.variables.lookup($0) ?? "").isEmpty }
        guard !missing.isEmpty else { return }
        let names = missing.joined(separator: ", ")
        if options.dryRun {
            shell.io.diagnostic(
                "note: \(check.source) needs \(names), not set here; a replay asks for them at a terminal\n")
            return
        }
        guard shell.io.canPromptSecrets else {
            let list = missing.count == 1 ? "it" : "each of them"
            throw ShellError(
                .usage, "\(check.source) needs \(names), which \(missing.count == 1 ? "is" : "are") not set",
                hint:
                    "export \(list) in the environment before the replay, or run the script at a terminal to be asked",
                code: "ENEEDS")
        }
        // tokensh reads its own variables from the environment only; at a terminal the commands
        // that need them ask for the secret at their own prompt.
        for name in missing where name.hasPrefix("TOKENSH_") {
            shell.io.diagnostic("\(name) is not set: the commands that need it will ask at the prompt.\n")
        }
        missing.removeAll { $0.hasPrefix("TOKENSH_") }
        guard !missing.isEmpty else { return }
        shell.io.diagnostic("\(check.source) needs \(missing.joined(separator: ", ")).\n")
        for name in missing {
            let value = try ask(for: name)
            try shell.session.variables.assign("\(name)=\(value)")
        }
    }

    private mutating func ask(for name: String) throws(ShellError) -> String {
        while true {
            let value: String
            if Self.looksSecret(name) {
                let secret = try shell.io.askSecret("\(name) (hidden): ")
                shell.session.noteSecret(secret)
                value = secret.reveal()
            } else {
                value = try shell.io.ask(name, default: nil, choices: [])
            }
            if !value.isEmpty { return value }
            shell.io.diagnostic("\(name) is needed by the script; type a value, or Ctrl-C to stop.\n")
        }
    }

    /// Names that by convention hold a credential: never echoed, never kept in history.
    static func looksSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["TOKEN", "PASSWORD", "PASSWD", "SECRET", "OTP", "AUTH", "KEY"].contains { upper.contains($0) }
    }
}
