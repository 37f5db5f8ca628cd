/// One question of the `token create` wizard, as data: prompt, explanation, help for `?`,
/// TAB choices, default, which flags answer it, and how an answer changes the draft.
///
/// The handler only loops over these; everything a question means lives here, where it can be
/// tested without a terminal.
public enum TokenQuestion: String, CaseIterable, Sendable {
    case preset
    case name
    case description
    case permission
    case packages
    case orgsPermission
    case orgs
    case expires
    case cidr
    case bypass2FA
    case classicAccess

    /// The questions for a registry kind, in the order design §4 asks them.
    public static func sequence(for kind: RegistryToken.Kind) -> [TokenQuestion] {
        switch kind {
        case .granular:
            [.preset, .name, .description, .permission, .packages, .orgsPermission, .orgs, .expires, .cidr, .bypass2FA]
        case .classic: [.preset, .classicAccess, .cidr]
        }
    }

    /// Flags of `token create` that answer this question.
    public var flags: [String] {
        switch self {
        case .preset: ["preset"]
        case .name: ["name"]
        case .description: ["token-description"]
        case .permission, .classicAccess: ["packages-and-scopes-permission", "read-only"]
        case .packages: ["packages-all", "packages", "scopes"]
        case .orgsPermission: ["orgs-permission"]
        case .orgs: ["orgs"]
        case .expires: ["expires"]
        case .cidr: ["cidr"]
        case .bypass2FA: ["bypass-2fa"]
        }
    }

    /// Answers a run without a terminal must give as flags (the preset answers the access and expiry).
    public var isRequiredWithoutTerminal: Bool {
        switch self {
        case .name: true
        case .permission, .classicAccess, .expires: true
        default: false
        }
    }

    public func isAnswered(by command: ParsedCommand) -> Bool {
        if flags.contains(where: command.has) { return true }
        switch self {
        case .permission, .classicAccess, .expires: return command.has("preset")
        default: return false
        }
    }

    /// Whether the question makes sense for the draft so far (org names only with org access, 2FA
    /// bypass only for write tokens).
    public func applies(to draft: TokenDraft) -> Bool {
        switch self {
        case .orgs: draft.orgsPermission != .noAccess
        case .bypass2FA: draft.writes
        default: true
        }
    }

    public var prompt: String {
        switch self {
        case .preset: "Purpose"
        case .name: "Token name"
        case .description: "Description (optional)"
        case .permission: "Packages and scopes permission"
        case .packages: "Which packages and scopes (all, or a comma-separated list)"
        case .orgsPermission: "Organizations permission"
        case .orgs: "Which organizations (comma-separated)"
        case .expires: "Expires in how many days"
        case .cidr: "Allowed IPv4 ranges (any, or CIDRs separated by commas)"
        case .bypass2FA: "Bypass 2FA when publishing (yes/no)"
        case .classicAccess: "Access"
        }
    }

    /// One or two lines shown above the prompt.
    public var explanation: String {
        switch self {
        case .preset:
            "A purpose fills in least-privilege defaults; you can still change every answer. (? for more)"
        case .name: "A name you will recognise in `token list` and when revoking it."
        case .description: "Where it is used, e.g. the CI project; leave empty for none."
        case .permission: "What the token may do with packages: read-only is enough to install."
        case .packages: "Limit the token to the packages that need it; `all` covers every package you can access."
        case .orgsPermission:
            "Organization settings, teams and members; this never grants publishing. Usually no-access."
        case .orgs: "The organizations the permission applies to."
        case .expires: "Short lives limit the damage of a leak. npmjs caps write tokens at 90 days (default 7)."
        case .cidr: "Only requests from these ranges may use the token, e.g. your CI's egress range."
        case .bypass2FA: "A write token normally needs a 2FA code to publish; bypassing is for unattended CI only."
        case .classicAccess: "This registry has classic tokens: read-only (install) or publish (everything you can do)."
        }
    }

    /// The longer text `?` prints.
    public var help: String {
        switch self {
        case .preset:
            """
            ci-install: read-only on all packages, 30 days: for `npm ci` in a pipeline.
            local-read: the same, for this machine.
            ci-publish: read-write, 7 days. Prefer trusted publishing (OIDC) from GitHub Actions, \
            GitLab or CircleCI: no token at all (docs.npmjs.com/trusted-publishers).
            custom: read-only defaults; you choose each answer.
            """
        case .name: "Names need not be unique, but a unique name lets `token revoke --name NAME` find it."
        case .description: "Free text stored with the token (npm's --token-description)."
        case .permission:
            """
            no-access: no package access (an org-only token).
            read-only: install and view packages.
            read-write: publish and change packages; npm warns that it publishes directly.
            read-write-stage-only: publish only as staged releases (npm stage publish) that a person promotes.
            """
        case .packages:
            "Type `all`, or names such as `left-pad, @acme/web` and scopes such as `@acme` (at most 50 together)."
        case .orgsPermission: "no-access, read-only or read-write on the organizations you name next."
        case .orgs: "Organization names without @, at most 50."
        case .expires:
            "At least 1 day. npmjs refuses write tokens over 90 days; read-only tokens may live longer. Rotate with `token rotate`."
        case .cidr: "IPv4 only (npm rejects IPv6), e.g. 192.0.2.0/24, 198.51.100.7/32. `any` for no restriction."
        case .bypass2FA:
            "With yes, the token publishes without a one-time password, even where the account or package requires 2FA. Keep it off unless a pipeline cannot use trusted publishing."
        case .classicAccess:
            "read-only: install only. publish: publish and change everything your account can; it never expires."
        }
    }

    /// What TAB completes.
    public var choices: [String] {
        switch self {
        case .preset: TokenPreset.allCases.map(\.rawValue)
        case .permission: RegistryToken.Access.allCases.map(\.rawValue)
        case .orgsPermission: ["no-access", "read-only", "read-write"]
        case .packages: ["all"]
        case .cidr: ["any"]
        case .bypass2FA: ["yes", "no"]
        case .classicAccess: ["read-only", "publish"]
        default: []
        }
    }

    /// The bracketed default, from the draft so far.
    public func defaultAnswer(_ draft: TokenDraft, preset: TokenPreset) -> String {
        switch self {
        case .preset: preset.rawValue
        case .name: draft.name ?? ""
        case .description: draft.description ?? ""
        case .permission: draft.permission.rawValue
        case .packages: draft.packagesAll ? "all" : (draft.packages + draft.scopes).joined(separator: ",")
        case .orgsPermission: draft.orgsPermission.rawValue
        case .orgs: draft.orgs.joined(separator: ",")
        case .expires: draft.expiresDays.map(String.init) ?? "30"
        case .cidr: draft.cidr.isEmpty ? "any" : draft.cidr.joined(separator: ",")
        case .bypass2FA: draft.bypass2FA ? "yes" : "no"
        case .classicAccess: draft.readOnly ? "read-only" : "publish"
        }
    }

    /// Applies a typed answer (the default when empty); a bad answer says why, to ask again.
    public func apply(_ answer: String, to draft: inout TokenDraft) throws(ShellError) {
        let text = answer.trimmingWhitespaceAndNewlines()
        switch self {
        case .preset:
            guard TokenPreset(rawValue: text) != nil else { throw Self.choose(choices) }
        case .name:
            guard !text.isEmpty else { throw ShellError(.usage, "a name is needed", hint: "type a name") }
            draft.name = text
        case .description:
            draft.description = text.isEmpty ? nil : text
        case .permission:
            guard let access = RegistryToken.Access(rawValue: text) else { throw Self.choose(choices) }
            draft.permission = access
        case .packages:
            let items = Self.items(text)
            if items.isEmpty || items == ["all"] {
                (draft.packagesAll, draft.packages, draft.scopes) = (true, [], [])
            } else {
                let (packages, scopes) = TokenDraftBuilder.split(items)
                (draft.packagesAll, draft.packages, draft.scopes) = (false, packages, scopes)
                if packages.count + scopes.count > TokenDraft.maximumPackagesAndScopes {
                    throw ShellError(.usage, "at most \(TokenDraft.maximumPackagesAndScopes) packages and scopes")
                }
            }
        case .orgsPermission:
            guard let access = RegistryToken.Access(rawValue: text), access != .readWriteStageOnly else {
                throw Self.choose(choices)
            }
            draft.orgsPermission = access
        case .orgs:
            draft.orgs = Self.items(text)
            if draft.orgs.count > TokenDraft.maximumOrgs {
                throw ShellError(.usage, "at most \(TokenDraft.maximumOrgs) organizations")
            }
        case .expires:
            guard let days = Int(text), days >= 1, days <= 36500 else {
                throw ShellError(.usage, "give a whole number of days, at least 1")
            }
            draft.expiresDays = days
        case .cidr:
            let items = Self.items(text)
            let ranges = items == ["any"] ? [] : items
            for range in ranges {
                if case .failure(let error) = IPv4CIDR.parse(range) { throw ShellError(.usage, "\(error)") }
            }
            draft.cidr = ranges
        case .bypass2FA:
            guard let yes = Self.yesNo(text) else { throw Self.choose(choices) }
            draft.bypass2FA = yes
        case .classicAccess:
            guard text == "read-only" || text == "publish" else { throw Self.choose(choices) }
            draft.readOnly = text == "read-only"
        }
    }

    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "y", "yes": true
        case "n", "no": false
        default: nil
        }
    }

    static func choose(_ choices: [String]) -> ShellError {
        ShellError(.usage, "choose one of: " + choices.joined(separator: ", "), hint: "TAB completes, ? explains")
    }
}
