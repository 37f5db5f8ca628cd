extension CommandSpec {
    /// `token create`: guided creation; every flag answers one question.
    public static let tokenCreate = CommandSpec(
        ["token", "create"], topic: .tokens,
        summary: "create a token, asking only what the flags did not answer",
        help: """
            Asks for the purpose, name, package and organization permissions, expiry, IP ranges \
            and 2FA bypass, each with a least-privilege default, then shows a summary and the \
            equivalent npm command before anything is created. Every flag answers one question. \
            The token is shown once, checked against what the registry granted, and saved where \
            --save says. Registries without granular tokens get the classic questions \
            (--read-only, --cidr); --classic or --granular forces the kind. When nothing shows the \
            kind, tokensh asks (without a terminal it wants --classic or --granular); what a create \
            shows is remembered for that registry. The password is asked \
            for, or read from TOKENSH_PASSWORD without a terminal.
            """,
        flags: [
            FlagSpec(
                "preset", kind: .choice(["ci-install", "local-read", "ci-publish", "custom"]),
                summary: "start from least-privilege defaults for a purpose"),
            FlagSpec(
                "name", kind: .string, valueName: "NAME", summary: "the token's name (required on npmjs)",
                npmName: "name"),
            FlagSpec(
                "token-description", kind: .string, valueName: "TEXT", summary: "a longer description",
                npmName: "token-description"),
            FlagSpec(
                "packages-and-scopes-permission",
                kind: .choice(["no-access", "read-only", "read-write", "read-write-stage-only"]),
                summary: "what the token may do with packages and scopes", npmName: "packages-and-scopes-permission"),
            FlagSpec("packages-all", summary: "the permission applies to all your packages", npmName: "packages-all"),
            FlagSpec(
                "packages", kind: .list, valueName: "NAMES",
                summary: "only these packages (comma-separated or repeated, up to 50)", npmName: "packages"),
            FlagSpec(
                "scopes", kind: .list, valueName: "@SCOPES",
                summary: "only packages in these scopes, e.g. @acme", npmName: "scopes"),
            FlagSpec(
                "orgs-permission", kind: .choice(["no-access", "read-only", "read-write"]),
                summary: "access to organization settings, teams and members (not publishing)",
                npmName: "orgs-permission"),
            FlagSpec(
                "orgs", kind: .list, valueName: "ORG-NAMES", summary: "the organizations it applies to", npmName: "orgs"
            ),
            .expires,
            FlagSpec(
                "cidr", kind: .list, valueName: "RANGES",
                summary: "allowed IPv4 ranges, e.g. 192.0.2.0/24 (comma-separated or repeated)", npmName: "cidr"),
            FlagSpec("bypass-2fa", summary: "publish without a 2FA code (write tokens only)", npmName: "bypass-2fa"),
            FlagSpec("read-only", summary: "classic registries: a read-only token", npmName: "read-only"),
            FlagSpec("classic", summary: "ask the classic questions (read-only flag and CIDR list)"),
            FlagSpec("granular", summary: "ask the granular questions (permissions, packages, expiry)"),
            .save,
            .force,
            .json,
        ],
        examples: [
            "token create",
            "token create --name ci-read --packages-and-scopes-permission read-only --packages-all --expires 30",
            "token create --classic --read-only --cidr 192.0.2.0/24,198.51.100.0/24",
            "token create --preset ci-publish --name release --packages @acme/web --save file:release-token",
        ],
        npmCommand: "npm token create",
        npmNote: """
            the granular flags need npm 11.7 or later; npm 10 sends only the classic body, so for a \
            classic registry the equivalent is npm token create --read-only --cidr LIST
            """,
        exclusiveFlags: [["classic", "granular"], ["packages-all", "packages"], ["packages-all", "scopes"]])
}
