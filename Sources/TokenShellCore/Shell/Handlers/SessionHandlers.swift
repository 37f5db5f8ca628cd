#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `registry`, `ping`, `whoami`.
enum SessionHandlers {
    static func registry(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let argument = command.positionals.first else {
            let config = try shell.config()
            let registry = try shell.currentRegistry(config)
            let source =
                shell.session.registryOverride != nil
                ? "set in this shell" : config.value(forKey: "registry").map(describeSource) ?? "npm's default"
            let shown = RegistryURL.redact(registry)
            shell.io.output(shell.options.json ? JSONText.quote(shown) + "\n" : "\(shown)  (\(source))\n")
            return
        }
        guard let url = RegistryURL(argument), url.scheme == "http" || url.scheme == "https" else {
            throw ShellError(
                .usage, "not a registry URL: \(argument)",
                hint: "give an http:// or https:// URL, e.g. registry https://registry.npmjs.org/")
        }
        shell.session.registryOverride = url.normalized
        shell.io.output("Using \(url.redacted) in this shell (npm's config is unchanged).\n")
    }

    static func ping(_ command: ParsedCommand, _ shell: Shell) throws {
        let config = try shell.config()
        let registry = try shell.currentRegistry(config)
        // A password in the URL's userinfo is sent as Basic auth: the plain-http rule applies.
        if RegistryURL(registry)?.userinfo != nil { try shell.checkInsecureRegistry(registry) }
        let client = shell.client(registry: registry, token: nil)
        let start = shell.services.now()
        _ = try client.ping()
        let milliseconds = Int((shell.services.now().timeIntervalSince(start) * 1000).rounded())
        if shell.options.json {
            shell.io.output("{\"registry\":\(JSONText.quote(RegistryURL.redact(registry))),\"time\":\(milliseconds)}\n")
        } else {
            shell.io.output("PONG from \(RegistryURL.redact(registry)) in \(milliseconds) ms\n")
        }
    }

    static func whoami(_ command: ParsedCommand, _ shell: Shell) throws {
        let (client, registry) = try shell.authenticatedClient()
        let name: String
        do throws(RegistryError) {
            name = try client.whoami()
        } catch {
            // Some registries that take Basic credentials have no `/-/whoami`; npm itself answers
            // from the user name in the config without asking.
            guard case .http(status: 404, _, _, _) = error, case .basic = client.credential,
                let local = try shell.quietConfig().credential(forRegistry: registry)?.localUsername
            else { throw error }
            shell.io.diagnostic("note: the registry has no whoami endpoint; this is the user name in your config\n")
            name = local
        }
        shell.session.knownUsers[registry] = name
        shell.io.output(shell.options.json ? JSONText.quote(name) + "\n" : TerminalText.line(name) + "\n")
        if case .basic = client.credential, !shell.options.json,
            let found = try? shell.quietConfig().credential(forRegistry: registry)
        {
            let place = found.path.map { "in \($0)" } ?? "in the \(found.source) settings"
            shell.io.diagnostic(
                "note: authenticated with basic credentials (\(found.key) \(place)): your password, "
                    + "sent on every request; a token can be limited and revoked on its own\n")
        }
    }

    static func describeSource(_ value: ConfigValue) -> String {
        if let path = value.path { return "from \(path)" }
        return "from the \(value.source) settings"
    }
}
