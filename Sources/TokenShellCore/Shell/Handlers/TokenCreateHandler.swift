#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `token create`: the wizard of design §4, or a run from flags alone.
///
/// Nothing touches the registry's create endpoint before every answer is in, validated and
/// (on a terminal) confirmed; Ctrl-C anywhere before that creates nothing. The new token is
/// verified against the list before it is shown, so a token the registry over-granted is
/// revoked without ever being printed.
enum TokenCreateHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        let early = TokenDraftBuilder.flagProblems(command)
        guard early.isEmpty else {
            throw ShellError(
                .usage, "nothing was sent: " + early.joined(separator: "; "), hint: "fix the flags and run it again",
                code: "EINVALID")
        }
        let (client, registry) = try shell.authenticatedClient()
        let listing = try TokenHandlerSupport.fetchListing(client, shell)
        let verdict = try TokenKindResolution.resolve(
            command, rows: listing.rows, shape: listing.shape, client: client, shell)
        let draft = try answers(command, kind: verdict.kind, reason: verdict.reason, shell)
        var completed = command
        if verdict.asked { try completed.setFlag(verdict.kind.rawValue, .bool(true)) }
        for (flag, value) in draft.flags { try completed.setFlag(flag, value) }

        let problems = draft.problems()
        guard problems.isEmpty else {
            throw ShellError(
                .usage, "nothing was sent: " + problems.joined(separator: "; "),
                hint: "fix the answers and run it again",
                code: "EINVALID")
        }
        for warning in draft.warnings() { shell.io.diagnostic("warning: \(warning)\n") }
        showSummary(draft, completed: completed, shell)
        if shell.io.canAsk, !(command.has("yes") || shell.options.assumeYes) {
            guard try shell.io.confirm("Create this token?", default: true) else {
                throw ShellError(.failure, "nothing was created", code: "ECANCELLED")
            }
        }
        var target = try TokenSaver.target(command, shell)
        if let target { try TokenSaver.checkFree(target, force: command.has("force"), tokenName: draft.name, shell) }
        shell.completedCommand = completed

        let created = try create(draft, client: client, shell)
        shell.session.noteSecret(created.token)
        try verify(created, draft: draft, client: client, shell)

        if target == nil {
            target =
                shell.io.canAsk
                ? try TokenSaver.ask(name: draft.name, for: created, client: client, shell, force: command.has("force"))
                : .none
        }
        let chosen = target ?? .none
        try? completed.setFlag("save", .string(chosen.flagValue))
        shell.completedCommand = completed
        try TokenSaver.save(created, to: chosen, registry: registry, client: client, shell)
    }

    /// The draft from the flags, asking the rest on a terminal; without one, every required answer must be a flag.
    static func answers(_ command: ParsedCommand, kind: RegistryToken.Kind, reason: String, _ shell: Shell) throws
        -> TokenDraft
    {
        let now = shell.services.now()
        var preset = command.string("preset").flatMap(TokenPreset.init(rawValue:)) ?? .ciInstall
        guard shell.io.canAsk else {
            let missing = TokenDraftBuilder.missingFlags(command, kind: kind)
            guard missing.isEmpty else {
                throw ShellError(
                    .usage, "token create without a terminal needs " + missing.joined(separator: ", "),
                    hint: "give every answer as a flag, e.g. `help token create`", code: "EMISSING")
            }
            return TokenDraftBuilder.draft(command, kind: kind, preset: preset, now: now)
        }
        shell.io.diagnostic("This registry issues \(kind.rawValue) tokens: \(reason).\n")
        shell.io.diagnostic("Press Enter to take the [default], ? for more about a question, Ctrl-C to cancel.\n")
        do {
            if !TokenQuestion.preset.isAnswered(by: command) {
                let scratch = TokenDraft(kind: kind)
                let answer = try ask(.preset, draft: scratch, preset: preset, shell).answer
                preset = TokenPreset(rawValue: answer) ?? preset
            }
            if preset == .ciPublish {
                shell.io.diagnostic(
                    "note: trusted publishing (OIDC) publishes from CI without any token; prefer it where your CI supports it (`tips trusted-publishing`).\n"
                )
            }
            var draft = TokenDraftBuilder.draft(command, kind: kind, preset: preset, now: now)
            for question in TokenQuestion.sequence(for: kind)
            where question != .preset && !question.isAnswered(by: command) && question.applies(to: draft) {
                draft = try ask(question, draft: draft, preset: preset, shell).draft
            }
            return draft
        } catch let error as ShellError where error.status == .interrupted {
            throw ShellError(.interrupted, "token create cancelled: nothing was created")
        }
    }

    /// Asks until the answer applies; `?` prints the question's help.
    static func ask(_ question: TokenQuestion, draft: TokenDraft, preset: TokenPreset, _ shell: Shell) throws -> (
        answer: String, draft: TokenDraft
    ) {
        shell.io.diagnostic(question.explanation + "\n")
        while true {
            let defaultAnswer = question.defaultAnswer(draft, preset: preset)
            // Every question shows its default in brackets (design §4); an optional one's is "none".
            let answer = try shell.io.ask(
                defaultAnswer.isEmpty ? question.prompt + " [none]" : question.prompt,
                default: defaultAnswer.isEmpty ? nil : defaultAnswer, choices: question.choices)
            if answer == "?" {
                shell.io.diagnostic(question.help + "\n")
                continue
            }
            var updated = draft
            do {
                try question.apply(answer, to: &updated)
                return (answer, updated)
            } catch {
                shell.io.diagnostic(ErrorRenderer.inline(error, mask: shell.secretMask) + "\n")
            }
        }
    }

    static func showSummary(_ draft: TokenDraft, completed: ParsedCommand, _ shell: Shell) {
        var text = "The token to create:\n" + draft.summaryLines.map { "  " + $0 + "\n" }.joined()
        let kind: NpmEquivalent.RegistryKind = draft.kind == .granular ? .granular : .classic
        if let equivalent = NpmEquivalent.of(completed, registryKind: kind) {
            text += "npm equivalent: \(equivalent.command)\n"
            if let note = equivalent.note { text += "  (\(note))\n" }
        }
        shell.io.diagnostic(text)
    }

    /// Creates the token with the account password. A typed password the registry refuses is
    /// asked again, up to three times in all: the wizard's answers are kept, so a typo at the
    /// last step costs one more prompt, not the whole wizard.
    static func create(_ draft: TokenDraft, client: RegistryClient, _ shell: Shell) throws -> CreatedToken {
        let typed = !shell.secretVariables.isSet(SecretVariables.password) && shell.io.canPromptSecrets
        var triesLeft = typed ? 3 : 1
        while true {
            let password = try shell.password()
            triesLeft -= 1
            do {
                return try create(draft, password: password, client: client, shell)
            } catch .authentication(.wrongPassword, _) where triesLeft > 0 {
                shell.io.diagnostic(
                    "The registry refused the password. Type it again (your answers are kept; Ctrl-C cancels).\n")
            } catch {
                throw failure(error, draft: draft)
            }
        }
    }

    static func create(_ draft: TokenDraft, password: Secret, client: RegistryClient, _ shell: Shell)
        throws(RegistryError) -> CreatedToken
    {
        let progress = shell.io.progress("creating the token")
        defer { progress.stop() }
        return try client.withOTP(provider: shell.otpProvider(for: client)) { otp throws(RegistryError) in
            try client.createToken(draft.request, password: password, otp: otp)
        }
    }

    /// The registry's refusal, with a hint where the draft explains it.
    static func failure(_ error: RegistryError, draft: TokenDraft) -> ShellError {
        var failure = error.shellError
        if case .http(let status, _, _, _) = error, (400..<500).contains(status), status != 401 {
            if draft.writes, let days = draft.expiresDays, days > TokenDraft.writeMaximumDays {
                failure.hint =
                    "npmjs allows write tokens at most \(TokenDraft.writeMaximumDays) days: use --expires \(TokenDraft.writeMaximumDays) or less"
            } else if draft.kind == .classic {
                failure.hint = "this registry may need granular tokens: try `token create --granular`"
            }
        }
        return failure
    }

    /// Reads the list back; a token with more rights than asked is revoked at once, with the
    /// reason and how the revoke went.
    static func verify(_ created: CreatedToken, draft: TokenDraft, client: RegistryClient, _ shell: Shell) throws {
        let rows: [TokenRow]
        do {
            rows = try TokenHandlerSupport.fetchRows(client, shell)
        } catch {
            // The token exists: failing here would leave it live and never shown. It is handed
            // over unchecked, with a note, as when the list does not hold it yet.
            shell.io.diagnostic(
                "note: the token list could not be read (\(Shell.shellError(from: error).message)), so what the "
                    + "registry granted was not checked; `token list` shows it.\n")
            return
        }
        guard let row = rows.first(where: { $0.token.key == created.object.key }) else {
            shell.io.diagnostic(
                "note: the new token is not in the token list yet, so what the registry granted could not be checked.\n"
            )
            return
        }
        let excess = GrantCheck.excess(asked: draft, granted: row.token, now: shell.services.now())
        guard !excess.isEmpty else {
            shell.io.diagnostic("Verified: the registry granted what was asked.\n")
            TokenKindResolution.remember(
                row.token.kind, registry: client.registry,
                reason: "a token create gave a \(row.token.kind.rawValue) token",
                shell)
            return
        }
        let classicInstead = row.token.kind == .classic && draft.kind == .granular
        if classicInstead {
            TokenKindResolution.remember(
                .classic, registry: client.registry, reason: "a granular request was answered with a classic token",
                shell)
        }
        let hint =
            classicInstead
            ? "this registry issues classic tokens, and tokensh now remembers that: run `token create` again"
            : "the registry ignores part of the request; ask its operator, or create the token on its website"
        throw TokenHandlerSupport.rollBack(created, because: .overGranted(excess, hint: hint), client: client, shell)
    }
}
