/// The texts and defaults the guide derives from what was done: pure functions, so they are
/// tested without a terminal.
public enum GuideAdvice {
    /// Where the guide proposes saving a token: the XDG config folder. Without
    /// `XDG_CONFIG_HOME` the path keeps `~/`, so a replayed script saves under the replaying
    /// user's home rather than the recording user's.
    public static func tokenFile(name: String, environment: [String: String]) -> String {
        let folder: String
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            folder = (config.hasSuffix("/") ? String(config.dropLast()) : config) + "/tokensh"
        } else {
            folder = "~/.config/tokensh"
        }
        return "\(folder)/\(name).token"
    }

    /// Whether `registry` is on this machine: where the practice registry runs, and where a
    /// legacy login with the demo account is the sensible default.
    public static func isLoopback(_ registry: String) -> Bool {
        RegistryURL.isLoopback(url: registry)
    }

    /// Where the guide's new token can go, keyring first, and what each choice is for.
    public static func saveChoices(file: String) -> String {
        """
        Where should the new token go?
          keyring  encrypted in your keyring (the desktop's Secret Service, or tokensh's vault under a \
        passphrase); used unseen with `tokensh exec --token NAME -- npm …`. Best for your own use here.
          file     \(file) (mode 0600, only you can read it): to upload to a CI secret store, then delete.
          none     shown once; you copy it yourself.

        """
    }

    /// The `${NPM_TOKEN}` line, the CI step and how to try it: what "store it" teaches.
    public static func storage(registry: String, savedFile: String?, keyringName: String? = nil) -> String {
        let nerf = RegistryURL(registry)?.nerfDart ?? "//registry.npmjs.org/"
        var text = ""
        if let keyringName {
            let plain = RegistryURL(registry)?.withoutUserinfo ?? registry
            text += "Your token is in the keyring as \(keyringName), encrypted: no file holds it in plain text, and "
            text += "you never see it. npm cannot read the keyring by itself, so hand the token to one command:\n"
            text += "Try it here: tokensh exec --registry \(ShellQuoting.quote(plain)) --token "
            text += "\(ShellQuoting.quote(keyringName)) -- npm whoami\n"
            text += "The trade-off: a token for CI has to reach the CI's secret store, which the keyring never "
            text += "shows it to; create that one with --save file:PATH, upload it, delete the file. What CI does "
            text += "with it:\n"
        } else if let savedFile {
            text += "Your token is in \(savedFile) (mode 0600, only you can read it). Upload it to your CI "
            text += "secret store as NPM_TOKEN, then delete the file.\n"
        } else {
            text += "Keep the token in your CI secret store as NPM_TOKEN (never in a file you commit).\n"
        }
        let plain = RegistryURL(registry)?.withoutUserinfo ?? registry
        text += """
            In a project's .npmrc, commit only the placeholder; npm fills it in from the environment:
                \(nerf):_authToken=${NPM_TOKEN}
            The CI steps (GitHub Actions) point npm at the registry and hand it the secret under that name:
                - uses: actions/setup-node@v4
                  with:
                    registry-url: \(plain)
                - run: npm ci
                  env:
                    NPM_TOKEN: ${{ secrets.NPM_TOKEN }}

            """
        if let savedFile {
            // npm reads no NPM_TOKEN of its own accord: the placeholder line, given as a flag,
            // asks it to. Quoted, so npm's arguments hold `${NPM_TOKEN}`, never the token.
            let placeholder = ShellQuoting.quote("--\(nerf):_authToken=${NPM_TOKEN}")
            text += "Try it here: NPM_TOKEN=\"$(cat \(shellPath(savedFile)))\" npm whoami --registry "
            text += "\(ShellQuoting.quote(plain)) \(placeholder)\n"
        }
        return text
    }

    /// `path` for a shell line: quoted where needed, with a leading `~/` left outside the quotes
    /// so the shell still expands it.
    static func shellPath(_ path: String) -> String {
        path.hasPrefix("~/") ? "~/" + ShellQuoting.quote(String(path.dropFirst(2))) : ShellQuoting.quote(path)
    }

    /// Three tips that fit what the guide did, most relevant first.
    public static func tipTopics(for progress: GuideProgress) -> [TipTopic] {
        var topics: [TipTopic] = []
        let created = progress.outcomes[.createToken] == .done
        if progress.savedTokenFile != nil || progress.savedKeyringName != nil { topics.append(.storage) }
        if created { topics += [.ci, .expiry] } else { topics.append(.leastPrivilege) }
        if progress.outcomes[.login] == .done, progress.loginType == "legacy" { topics.append(.twoFactor) }
        for fallback in [TipTopic.storage, .leastPrivilege, .leaked, .npmrc] where !topics.contains(fallback) {
            topics.append(fallback)
        }
        return Array(topics.prefix(3))
    }
}
