/// What to tell the user when a new token must not live: it was over-granted, or could not be
/// saved. Built from what happened to the revoke, never from what was meant to happen, so a
/// failed rollback is reported as failed, with the id of the live token and how to revoke it.
public struct TokenRollback: Sendable, Equatable {
    /// Why the new token is revoked.
    public enum Reason: Sendable, Equatable {
        /// The registry granted more than asked (the excess, as `GrantCheck` words it).
        case overGranted([String], hint: String)
        /// Saving it failed with this error.
        case notSaved(ShellError)
    }

    /// How the revoke went.
    public enum Revoke: Sendable, Equatable {
        case revoked
        case failed(ShellError)
    }

    public var reason: Reason
    public var revoke: Revoke
    /// The new token's short id (as `token list` shows it).
    public var id: String

    public init(reason: Reason, revoke: Revoke, id: String) {
        self.reason = reason
        self.revoke = revoke
        self.id = id
    }

    /// The error the command ends with: never exit 0, since the token the user asked for is gone
    /// or, worse, live and unseen.
    public var error: ShellError {
        switch (reason, revoke) {
        case (.overGranted(let excess, let hint), .revoked):
            return ShellError(
                .failure,
                "the registry granted more than asked, so the token was revoked at once: "
                    + excess.joined(separator: "; "),
                hint: hint, code: "EGRANTMISMATCH")
        case (.overGranted(let excess, _), .failed(let failure)):
            return ShellError(
                .failure,
                "the registry granted more than asked (\(excess.joined(separator: "; "))) and revoking the token "
                    + "failed: \(failure.message); token \(id) is still live and was never shown",
                hint: "revoke it now: `token revoke \(id)`", code: "EROLLBACKFAILED")
        case (.notSaved(let failure), .revoked):
            return ShellError(
                failure.status, "\(failure.message); the new token was revoked, since it could not be saved",
                hint: failure.hint ?? "fix the problem and create it again", code: failure.code)
        case (.notSaved(let failure), .failed(let revokeFailure)):
            return ShellError(
                failure.status == .success ? .failure : failure.status,
                "\(failure.message); revoking the unsaved token failed too: \(revokeFailure.message); token \(id) "
                    + "is still live and was never shown",
                hint: "revoke it now: `token revoke \(id)`", code: "EROLLBACKFAILED")
        }
    }
}
