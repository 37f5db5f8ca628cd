/// The texts of `tips TOPIC`: short, concrete, each with its sources (reference/npm-tokens.md §8–§9).
public enum TipLibrary {
    /// The tip for one topic. The `.npmrc` lines and CI steps name `registry` (the one in use),
    /// since a line keyed to another registry's nerf dart is silently ignored by npm.
    public static func tip(_ topic: TipTopic, registry: String = NpmConfig.defaultRegistry) -> Tip {
        let place = RegistryPlace(registry)
        return switch topic {
        case .storage: storage(place)
        case .ci: ci(place)
        case .leastPrivilege: leastPrivilege
        case .expiry: expiry
        case .twoFactor: twoFactor
        case .trustedPublishing: trustedPublishing
        case .leaked: leaked
        case .npmrc: npmrc(place)
        case .myths: myths(place)
        }
    }

    /// How a tip names a registry: its nerf dart, and its URL for setup-node's `registry-url`
    /// (never with userinfo: these lines are meant to be committed).
    struct RegistryPlace {
        var nerfDart: String
        var url: String

        init(_ registry: String) {
            let parsed = RegistryURL(registry) ?? RegistryURL(NpmConfig.defaultRegistry)
            nerfDart = parsed?.nerfDart ?? "//registry.npmjs.org/"
            let plain = parsed?.withoutUserinfo ?? NpmConfig.defaultRegistry
            // setup-node's documentation writes the bare origin without its slash.
            url = parsed?.path == "/" ? String(plain.dropLast()) : plain
        }
    }

    /// `tips` without a topic: one line per topic and how to read more.
    public static var overview: String {
        let width = TipTopic.names.map(\.count).max() ?? 0
        var text = "Tips on handling npm tokens safely. Read one with `tips TOPIC`:\n\n"
        for topic in TipTopic.allCases {
            let padding = String(repeating: " ", count: width - topic.rawValue.count)
            text += "  \(topic.rawValue)\(padding)  \(tip(topic).title)\n"
        }
        text += "\n`audit` checks this machine and a project folder for the problems these tips describe.\n"
        return text
    }

    static func storage(_ place: RegistryPlace) -> Tip {
        Tip(
            topic: .storage, title: "keep tokens out of files you share",
            body: """
                Never commit a literal token. Keep it in a password manager or your CI's secret store, \
                and let npm read it from the environment. A project .npmrc may hold only the placeholder:
                    \(place.nerfDart):_authToken=${NPM_TOKEN}
                Your own logins belong in the user config (~/.npmrc), which npm writes with mode 0600:
                    chmod 600 ~/.npmrc
                Keep .npmrc and .env files out of published packages with the `files` list in \
                package.json (or .npmignore), and run `audit` to find literal tokens.

                Safer than any plain file is the keyring: `login --store keyring --as work` and \
                `token create --save keyring:ci` keep tokens in your desktop's Secret Service \
                (GNOME Keyring, KWallet, KeePassXC), or where there is none (servers, SSH, \
                containers) in tokensh's vault, ~/.local/share/tokensh/vault, sealed under your \
                passphrase (scrypt, ChaCha20-Poly1305). An unlocked vault stays unlocked for 15 \
                minutes in the kernel keyring, never in a file; `lock` ends that at once. The \
                trade-off: npm cannot read the keyring by itself, so run npm through tokensh:
                    tokensh exec -- npm publish
                    tokensh exec --token ci -- npm whoami
                The token is then in that one program's environment, never in a file, in `ps` or \
                in your shell's history. A lost vault passphrase cannot be recovered: move the \
                vault aside, revoke its tokens (`token list`, `token revoke`) and log in again. \
                `audit --fix` moves a literal token of ~/.npmrc into the keyring.
                """,
            sources: [TipSources.ciWorkflow, TipSources.npmrc])
    }

    static func ci(_ place: RegistryPlace) -> Tip {
        Tip(
            topic: .ci, title: "give CI a token through a secret, never through the repository",
            body: """
                Store the token as a CI secret named NPM_TOKEN and commit only this .npmrc line:
                    \(place.nerfDart):_authToken=${NPM_TOKEN}
                and hand the secret to npm under that name. On GitHub Actions:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 22
                        registry-url: \(place.url)
                    - run: npm ci
                      env:
                        NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
                Without a committed line, setup-node writes its own one that reads NODE_AUTH_TOKEN; \
                with one, the project's line wins, so NODE_AUTH_TOKEN alone makes npm send the literal \
                ${NPM_TOKEN} and fail. To publish from CI, prefer trusted publishing \
                (`tips trusted-publishing`): no token at all.
                """,
            sources: [TipSources.ciWorkflow, TipSources.setupNode])
    }

    static let leastPrivilege = Tip(
        topic: .leastPrivilege, title: "a token should do one job and nothing more",
        body: """
            Installing needs only a read-only token:
                token create --name ci-install --packages-and-scopes-permission read-only --packages-all \\
                  --expires 30
            Give write access only to the packages or scopes a token publishes, leave \
            organizations at no-access, and restrict CI tokens to your runners' IPv4 ranges:
                token create --name release --packages-and-scopes-permission read-write \\
                  --scopes @myorg --cidr 192.0.2.0/24 --expires 7
            Read-only tokens are the right choice for installing dependencies in CI.
            """,
        sources: [TipSources.accessTokens, TipSources.trustedPublishers])

    static let expiry = Tip(
        topic: .expiry, title: "choose the shortest lifetime that works, and plan the rotation",
        body: """
            Since late 2025 npm caps write tokens at 90 days (default 7). Pick an expiry that \
            matches the job, note the date, and rotate before it lapses so CI does not break:
                token list --expiring 7
                token rotate --name ci-install
            A token that never expires is a standing risk: `audit` reports the ones you still have.
            """,
        sources: [TipSources.tokenChanges2025, TipSources.creatingTokens])

    static let twoFactor = Tip(
        topic: .twoFactor, title: "turn on 2FA, and let as few tokens as possible bypass it",
        body: """
            Enable two-factor authentication for "authorization and writes", preferably with a \
            security key or passkey, and set your packages to "Require two-factor authentication \
            and disallow tokens" where you can. Tick "Bypass 2FA" on a token only for unattended \
            publishing that cannot use trusted publishing. For one-off publishes, npm asks for the code:
                npm publish --otp 123456
            """,
        sources: [TipSources.twoFactor, TipSources.requiring2FA])

    static let trustedPublishing = Tip(
        topic: .trustedPublishing, title: "publish from CI with no token at all",
        body: """
            Trusted publishing lets GitHub Actions or GitLab CI publish through a short-lived \
            OIDC credential. Configure the trusted publisher on the package's settings page, then:
                permissions:
                  id-token: write
                  contents: read
                steps:
                  - uses: actions/setup-node@v4
                    with:
                      node-version: 22
                      registry-url: https://registry.npmjs.org
                  - run: npm publish
            It needs npm 11.5.1 or later and Node 22.14.0 or later. Do not set NODE_AUTH_TOKEN in \
            that job, and revoke the old publish token once it works.
            """,
        sources: [TipSources.trustedPublishers])

    static let leaked = Tip(
        topic: .leaked, title: "a token leaked: revoke first, clean up second",
        body: """
            1. Revoke it now; a leaked token is in use until it is revoked:
                   token revoke npm_AbCd...          (or: npm token revoke ID)
            2. Create a replacement with the least rights and a short expiry (`tips least-privilege`).
            3. Remove the literal from files and history; a commit keeps it even after a later \
            commit deletes it (`audit --git-history` finds those).
            4. Review your recent publishes: revocation can take up to an hour.
            npm revokes tokens it finds in published packages and public GitHub pushes; that \
            is why a committed token "disappears".
            """,
        sources: [TipSources.revokingTokens, TipSources.autoRevocation])

    static func npmrc(_ place: RegistryPlace) -> Tip {
        Tip(
            topic: .npmrc, title: "the one .npmrc line a project needs",
            body: """
                Credentials are keyed by registry; npm 9 and later reject an unscoped _authToken:
                    \(place.nerfDart):_authToken=${NPM_TOKEN}
                npm replaces ${NPM_TOKEN} from the environment when it reads the file. An unset \
                variable stays literal and gives a confusing 401; write ${NPM_TOKEN?} to get an \
                empty value instead. A scope's own registry:
                    @myorg:registry=https://npm.example.com/
                    //npm.example.com/:_authToken=${MYORG_TOKEN}
                Keep the user config private (mode 0600); project files are shared, so they never \
                hold the token itself.
                """,
            sources: [TipSources.npmrc, TipSources.ciWorkflow])
    }

    static func myths(_ place: RegistryPlace) -> Tip {
        Tip(
            topic: .myths, title: "`npm publish --token TOKEN` is not an npm option",
            body: """
                npm has no `token` option: `npm publish --token npm_...` is parsed as an unknown \
                config (npm 11.2+ warns `Unknown cli config "--token"`), the value is ignored, and \
                publish uses whatever credential is configured, or fails with ENEEDAUTH or E404. \
                It also leaves the token in your shell history. `--otp` exists, but it takes a 2FA \
                code, not a token. What works instead:
                    \(place.nerfDart):_authToken=${NPM_TOKEN}     (in .npmrc; NPM_TOKEN from a secret)
                    npm publish --userconfig ./private.npmrc          (a mode-0600 file, deleted after)
                On GitHub Actions: setup-node with registry-url, and NPM_TOKEN from a secret (`tips ci`), or \
                better, trusted publishing (`tips trusted-publishing`).
                """,
            sources: [TipSources.npmConfig, TipSources.npmPublish, TipSources.ciWorkflow])
    }
}
