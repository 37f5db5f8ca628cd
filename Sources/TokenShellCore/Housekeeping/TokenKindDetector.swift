/// Works out whether a registry issues granular or classic tokens, without creating one.
///
/// Evidence, strongest first:
/// 1. `--granular` / `--classic`.
/// 2. The token list: any token with granular fields (`name`, `access`, `expires`,
///    `permissions`) means granular; a list of only `readonly`/`cidr_whitelist` tokens means
///    classic.
/// 3. What an earlier `token create` on this registry showed (remembered in tokensh's state
///    folder).
/// 4. registry.npmjs.org issues only granular tokens.
/// 5. The shape of an empty list: Verdaccio's has no `total` and an empty-string `urls.next`.
/// 6. The shell's own token: an `npm_` token that the list leaves out is a login session kept
///    out of the list as npmjs does (granular). Any other token says nothing: Verdaccio's are
///    not `npm_` tokens, but neither are cnpmcore's, which has granular tokens.
/// Otherwise it cannot tell: the shell asks at a terminal, or wants `--classic`/`--granular`.
/// An empty list alone is no evidence: neither npmjs nor Verdaccio lists login tokens.
public enum TokenKindDetector {
    public struct Verdict: Sendable, Equatable {
        /// nil: no evidence either way.
        public var kind: RegistryToken.Kind?
        /// Why, in a few words, for the wizard's first line.
        public var reason: String
    }

    /// Everything the detector weighs; all of it is at hand before any token is created.
    public struct Evidence: Sendable {
        public var forced: RegistryToken.Kind?
        public var tokens: [RegistryToken]
        public var registry: String
        public var listShape: TokenListShape?
        public var learnt: RegistryKindMemory.Entry?
        /// The token the shell authenticates with (only its shape is looked at).
        public var credential: Secret?

        public init(
            forced: RegistryToken.Kind? = nil, tokens: [RegistryToken], registry: String,
            listShape: TokenListShape? = nil, learnt: RegistryKindMemory.Entry? = nil, credential: Secret? = nil
        ) {
            self.forced = forced
            self.tokens = tokens
            self.registry = registry
            self.listShape = listShape
            self.learnt = learnt
            self.credential = credential
        }
    }

    public static func detect(_ evidence: Evidence) -> Verdict {
        if let forced = evidence.forced { return Verdict(kind: forced, reason: "as --\(forced.rawValue) says") }
        if evidence.tokens.contains(where: { $0.kind == .granular }) {
            return Verdict(kind: .granular, reason: "its token list has granular tokens")
        }
        if !evidence.tokens.isEmpty {
            return Verdict(kind: .classic, reason: "its token list has only classic tokens (read-only flag, CIDR list)")
        }
        if let learnt = evidence.learnt {
            return Verdict(kind: learnt.kind, reason: "an earlier token create showed it (\(learnt.reason))")
        }
        if isNpmjs(evidence.registry) {
            return Verdict(kind: .granular, reason: "npmjs issues only granular tokens since 2025-11-05")
        }
        if evidence.listShape?.looksLikeVerdaccio == true {
            return Verdict(
                kind: .classic, reason: "its token list has Verdaccio's shape (one page, no total, an empty next URL)")
        }
        if let credential = evidence.credential, NpmToken.hasTokenShape(credential.reveal()) {
            return Verdict(
                kind: .granular,
                reason:
                    "its login token is an npm_ token that the list leaves out: a login session, as npmjs keeps them")
        }
        return Verdict(kind: nil, reason: "its token list is empty and it shows no other sign")
    }

    /// Whether the registry is npmjs itself.
    public static func isNpmjs(_ registry: String) -> Bool {
        let host = RegistryURL(registry)?.host.lowercased() ?? ""
        return host == "registry.npmjs.org" || host.hasSuffix(".npmjs.org")
    }

    /// Whether login sessions there are kept out of the list the way npmjs keeps them: npmjs
    /// itself, or a registry whose login token is an `npm_` token (npmjs and its sandbox flavour).
    /// Messages name npmjs only then.
    public static func hidesSessionsLikeNpmjs(registry: String, credential: Secret?) -> Bool {
        isNpmjs(registry) || credential.map { NpmToken.hasTokenShape($0.reveal()) } == true
    }
}
