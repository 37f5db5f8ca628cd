/// One step of the onboarding walkthrough (design §5), in the order the guide takes them.
///
/// The raw values are what the progress file stores, so renaming a case would make an old
/// progress file resume at the wrong place: add cases, do not rename them.
public enum GuideStep: String, Sendable, CaseIterable, Codable {
    case registry
    case ping
    case login
    case whoami
    case createToken = "create-token"
    case storeToken = "store-token"
    case listTokens = "list-tokens"
    case tips

    /// 1-based position, for "step 3 of 8".
    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// What the step does, as a heading.
    public var title: String {
        switch self {
        case .registry: "choose the registry"
        case .ping: "check that the registry answers"
        case .login: "log in"
        case .whoami: "check who you are logged in as"
        case .createToken: "create a least-privilege token"
        case .storeToken: "store the token and use it"
        case .listTokens: "list your tokens"
        case .tips: "three tips for what you just did"
        }
    }

    /// Why the step matters, in a sentence or two.
    public var why: String {
        switch self {
        case .registry:
            "Every npm command talks to one registry. Choose the one you use (npmjs, your company's), or a "
                + "practice registry on this machine where nothing touches a real account."
        case .ping:
            "A quick request that needs no login: it tells apart a wrong URL or a network problem from a "
                + "login problem later."
        case .login:
            "Logging in gives this machine a session token. The web login approves it in the browser; the "
                + "legacy login sends your username and password. Either may ask for a one-time password (2FA)."
        case .whoami:
            "Confirms the registry accepts the login and shows the account every later step acts for."
        case .createToken:
            "Your login token can do everything you can. For CI and scripts, create a token that can do only "
                + "what they need: read-only, with an expiry. The wizard explains each question; Enter takes "
                + "the least-privilege default."
        case .storeToken:
            "A token is shown only once. Keep it out of files you share: a private file to upload to your CI "
                + "secret store, and only the ${NPM_TOKEN} placeholder in a project .npmrc."
        case .listTokens:
            "Lists every token on the account, with its rights and expiry: check that the new one is read-only "
                + "and expires, and revoke the ones you no longer use."
        case .tips:
            "Short advice that fits the steps you took, each with its source. `tips` lists every topic."
        }
    }
}
