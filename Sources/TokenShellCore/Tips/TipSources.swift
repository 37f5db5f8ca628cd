/// The public pages the tips cite, named once so texts and tests agree on them.
public enum TipSources {
    public static let ciWorkflow = "https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow"
    public static let npmrc = "https://docs.npmjs.com/cli/v11/configuring-npm/npmrc"
    public static let setupNode = "https://github.com/actions/setup-node/blob/main/docs/advanced-usage.md"
    public static let accessTokens = "https://docs.npmjs.com/about-access-tokens"
    public static let creatingTokens = "https://docs.npmjs.com/creating-and-viewing-access-tokens"
    public static let revokingTokens = "https://docs.npmjs.com/revoking-access-tokens"
    public static let trustedPublishers = "https://docs.npmjs.com/trusted-publishers"
    public static let twoFactor = "https://docs.npmjs.com/about-two-factor-authentication"
    public static let requiring2FA =
        "https://docs.npmjs.com/requiring-2fa-for-package-publishing-and-settings-modification"
    public static let tokenChanges2025 =
        "https://github.blog/changelog/2025-09-29-strengthening-npm-security-important-changes-to-authentication-and-token-management"
    public static let tokenFormat = "https://github.blog/2021-09-23-announcing-npms-new-access-token-format/"
    public static let autoRevocation =
        "https://blog.npmjs.org/post/185680936500/protecting-package-publishers-npm-token-security.html"
    public static let npmConfig = "https://docs.npmjs.com/cli/v11/using-npm/config"
    public static let npmPublish = "https://docs.npmjs.com/cli/v11/commands/npm-publish"
}
