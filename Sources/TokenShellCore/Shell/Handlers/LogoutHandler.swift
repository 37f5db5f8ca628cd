/// `logout`: revoke the login token on the registry, then remove it from the file it came from.
enum LogoutHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let config = try shell.config()
        let registry = try shell.currentRegistry(config)
        let shown = RegistryURL.redact(registry)
        if let token = shell.session.sessionTokens[registry] {
            try shell.client(registry: registry, token: token).logout(token: token)
            shell.session.sessionTokens[registry] = nil
            shell.session.knownUsers[registry] = nil
            shell.io.output("Logged out of \(shown).\n")
            return
        }
        let plan = config.logoutPlan(registry: registry)
        if let (item, token) = try shell.keyringLogin(for: registry, explicitOnly: plan != nil) {
            try shell.checkInsecureRegistry(registry)
            try shell.client(registry: registry, token: token).logout(token: token)
            let keyring = try shell.keyring()
            try keyring.remove(item)
            if shell.services.accounts?.selected(registry: item.registry) == item.name {
                try shell.services.accounts?.select(nil, registry: item.registry)
            }
            shell.session.knownAccounts[item.registry] = nil
            shell.session.knownUsers[registry] = nil
            shell.io.output("Logged out of \(shown) and removed the account \(item.name) from \(keyring.place).\n")
            return
        }
        guard let plan else {
            throw RegistryError.notLoggedIn(registry: registry)
        }
        guard let token = try plan.credential.usableToken() else {
            guard try plan.credential.usableBasicPair() != nil else {
                throw RegistryError.notLoggedIn(registry: registry)
            }
            try forgetBasicCredentials(plan, config: config, shown: shown, shell)
            return
        }
        shell.session.noteSecret(token)
        try shell.checkInsecureRegistry(registry)
        try shell.client(registry: registry, token: token).logout(token: token)
        shell.session.knownUsers[registry] = nil
        guard plan.isEditable, let path = plan.path else {
            shell.io.output(
                "Logged out of \(shown): the token is revoked. It came from the \(plan.source) settings, "
                    + "so remove it there too.\n")
            return
        }
        try shell.services.editConfigFile(path, kind: path == config.userConfigPath ? .user : .project) {
            document throws(ShellError) in
            document.removeCredentials(plan)
        }
        shell.io.output("Logged out of \(shown) and removed the token from \(path).\n")
    }

    /// Basic credentials are the account's password: there is no session to end at the registry,
    /// so, as npm does, they are only removed from the file that holds them.
    static func forgetBasicCredentials(
        _ plan: CredentialRemoval, config: NpmConfig, shown: String, _ shell: Shell
    ) throws {
        shell.session.knownUsers[plan.registry] = nil
        guard plan.isEditable, let path = plan.path else {
            shell.io.output(
                "The basic credentials for \(shown) come from the \(plan.source) settings: remove them there.\n")
            return
        }
        try shell.services.editConfigFile(path, kind: path == config.userConfigPath ? .user : .project) {
            document throws(ShellError) in
            document.removeCredentials(plan)
        }
        shell.io.output(
            "Removed the basic credentials for \(shown) from \(path). Nothing was revoked: they are your "
                + "account's password; change it if others may have seen the file.\n")
    }
}
