/// `config list`, `config get KEY`, `config path`: npm's effective settings, secrets redacted.
enum ConfigHandlers {
    static func list(_ command: ParsedCommand, _ shell: Shell) throws {
        let entries = try shell.config().list()
        if shell.options.json || command.has("json") {
            let items = entries.map { entry in
                "{\"key\":\(JSONText.quote(entry.key)),\"value\":\(JSONText.quote(entry.displayValue)),"
                    + "\"source\":\(JSONText.quote("\(entry.source)")),\"file\":\(entry.path.map(JSONText.quote) ?? "null"),"
                    + "\"overridden\":\(entry.isOverridden)}"
            }
            shell.io.output("[" + items.joined(separator: ",") + "]\n")
            return
        }
        var text = ""
        var lastOrigin: String?
        for entry in entries {
            let origin = entry.path ?? "\(entry.source) settings"
            if origin != lastOrigin {
                text += (lastOrigin == nil ? "" : "\n") + "; \(TerminalText.line(origin))\n"
                lastOrigin = origin
            }
            text +=
                (entry.isOverridden ? "; " : "")
                + "\(TerminalText.line(entry.key)) = \(TerminalText.line(entry.displayValue))"
            text += entry.isOverridden ? "  (overridden)\n" : "\n"
        }
        shell.io.output(text.isEmpty ? "; no settings: npm's defaults apply\n" : text)
    }

    static func get(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let key = command.positionals.first else {
            throw ShellError(.usage, "config get needs a KEY", hint: "e.g. config get registry")
        }
        let config = try shell.config()
        switch config.get(key) {
        case .value(let value):
            shell.io.output(TerminalText.line(value.value) + "\n")
        case .protected(let value):
            shell.io.output("(protected)\n")
            shell.io.diagnostic(
                "\(key) holds a credential\(value.path.map { " from \($0)" } ?? ""); it is never shown.\n")
        case .unset:
            if key == "registry" {
                shell.io.output(RegistryURL.redact(try shell.currentRegistry(config)) + "\n")
            } else {
                throw ShellError(.failure, "\(key) is not set", hint: "`config list` shows what is set and where")
            }
        }
    }

    static func path(_ command: ParsedCommand, _ shell: Shell) throws {
        let config = try shell.config()
        var text = "user     \(config.userConfigPath)\n"
        text += "project  \(config.projectConfigPath ?? "(none: \(config.localPrefix)/.npmrc does not apply)")\n"
        if let global = config.globalConfigPath { text += "global   \(global)\n" }
        shell.io.output(text)
    }
}
