/// The shell's answer to a registry's one-time-password challenge (design §2).
final class ShellOTPProvider: OTPProvider {
    private let shell: Shell
    private let client: RegistryClient
    private var usedEnvironmentCode = false

    init(shell: Shell, client: RegistryClient) {
        self.shell = shell
        self.client = client
    }

    func oneTimePassword(for challenge: OTPChallenge) throws(RegistryError) -> Secret {
        switch challenge {
        case .web(let authURL, let doneURL):
            return try approveOnTheWeb(authURL: authURL, doneURL: doneURL)
        case .code:
            return try code()
        }
    }

    private func code() throws(RegistryError) -> Secret {
        if !usedEnvironmentCode, let code = shell.secretVariables.value(SecretVariables.otp) {
            usedEnvironmentCode = true
            return noted(code)
        }
        do {
            if let code = try shell.services.runOTPCommand() {
                return noted(code)
            }
            if shell.io.canPromptSecrets {
                shell.io.diagnostic("This operation requires a one-time password from your authenticator.\n")
                return noted(try shell.io.askSecret("One-time password: "))
            }
        } catch {
            throw .usage(error.message, hint: error.hint)
        }
        throw .missingOTP
    }

    private func approveOnTheWeb(authURL: String, doneURL: String) throws(RegistryError) -> Secret {
        shell.io.output("Authenticate your account at:\n\(TerminalText.line(authURL))\n")
        let progress = shell.io.progress("waiting for the approval in the browser (Ctrl-C gives up)")
        defer { progress.stop() }
        switch try shell.awaitBrowserApproval(client: client, doneURL: doneURL) {
        case .done(let code):
            return noted(code)
        case .giveUp(.interrupted):
            throw .transport(.cancelled)
        case .giveUp(.unsupported):
            throw .invalidResponse("the registry stopped answering the web OTP approval at \(doneURL)")
        case .giveUp(.deadline), .poll, .wait:
            throw .notApproved(seconds: shell.browserApprovalLimit)
        }
    }

    private func noted(_ secret: Secret) -> Secret {
        shell.session.noteSecret(secret)
        return secret
    }
}
