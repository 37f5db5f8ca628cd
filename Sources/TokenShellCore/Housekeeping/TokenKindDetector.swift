/// Works out whether a registry issues granular or classic tokens, without creating one.
///
/// Evidence, strongest first:
/// 1. `--granular` / `--classic`.
/// 2. The token list: any token with granular fields (`name`, `access`, `expires`,
///    `permissions`) means granular; a list of only `readonly`/`cidr_whitelist` tokens means
///    classic.
/// 3. An empty list: registry.npmjs.org is granular. Elsewhere, an empty list while this shell
///    is logged in means the login itself is not listed: that is how npmjs-style registries
///    treat login sessions (classic registries list the login token), so granular.
/// The verification after creation catches a wrong guess (a classic token where a granular one
/// was asked for is revoked, with a hint to use `--classic`).
public enum TokenKindDetector {
    public struct Verdict: Sendable, Equatable {
        public var kind: RegistryToken.Kind
        /// Why, in a few words, for the wizard's first line.
        public var reason: String
    }

    public static func detect(
        forced: RegistryToken.Kind?, tokens: [RegistryToken], registry: String
    ) -> Verdict {
        if let forced { return Verdict(kind: forced, reason: "as --\(forced.rawValue) says") }
        if tokens.contains(where: { $0.kind == .granular }) {
            return Verdict(kind: .granular, reason: "its token list has granular tokens")
        }
        if !tokens.isEmpty {
            return Verdict(kind: .classic, reason: "its token list has only classic tokens (read-only flag, CIDR list)")
        }
        let host = RegistryURL(registry)?.host.lowercased() ?? ""
        if host == "registry.npmjs.org" || host.hasSuffix(".npmjs.org") {
            return Verdict(kind: .granular, reason: "npmjs issues only granular tokens since 2025-11-05")
        }
        return Verdict(
            kind: .granular,
            reason:
                "its token list is empty even though you are logged in (npmjs-style sessions); use --classic if it is Verdaccio-like"
        )
    }
}
