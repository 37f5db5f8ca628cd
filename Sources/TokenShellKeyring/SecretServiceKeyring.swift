import CSecretShims
import TokenShellCore

#if canImport(Glibc)
    import Glibc
#endif

/// The keyring as the desktop's Secret Service (GNOME Keyring, KWallet, KeePassXC…), through
/// libsecret. Items carry the schema `dev.tokensh.Credential` with the attributes registry,
/// kind, name and user; the desktop's own tools (Seahorse, `secret-tool`) show and remove them.
public final class SecretServiceKeyring: KeyringStore {
    /// Connects to the Secret Service of the session bus; the reason when none answers.
    public static func connect() -> Result<SecretServiceKeyring, ShellError> {
        var error: UnsafeMutablePointer<CChar>?
        guard tokensh_secret_available(&error) == 1 else {
            let reason = take(error) ?? "no Secret Service answers"
            return .failure(
                ShellError(
                    .failure, "no Secret Service answers on the session bus (\(TerminalText.line(reason)))",
                    hint: "start one (GNOME Keyring, KWallet, KeePassXC), or set TOKENSH_KEYRING=vault to keep "
                        + "credentials in tokensh's encrypted vault file", code: "ENOKEYRING"))
        }
        return .success(SecretServiceKeyring())
    }

    public var place: String { "the Secret Service" }

    public func items() throws(ShellError) -> [KeyringItem] {
        final class Collected { var items: [KeyringItem] = [] }
        let collected = Collected()
        var error: UnsafeMutablePointer<CChar>?
        let count = withExtendedLifetime(collected) {
            tokensh_secret_list(
                { context, registry, kind, name, user in
                    guard let context, let registry, let kind, let name,
                        let kind = KeyringItem.Kind(rawValue: String(cString: kind))
                    else { return }
                    let collected = Unmanaged<Collected>.fromOpaque(context).takeUnretainedValue()
                    collected.items.append(
                        KeyringItem(
                            registry: String(cString: registry), kind: kind, name: String(cString: name),
                            user: user.map { String(cString: $0) } ?? ""))
                }, Unmanaged.passUnretained(collected).toOpaque(), &error)
        }
        guard count >= 0 else { throw failure("list the items of", error) }
        return collected.items
    }

    public func secret(of item: KeyringItem) throws(ShellError) -> Secret? {
        var error: UnsafeMutablePointer<CChar>?
        guard let found = tokensh_secret_lookup(item.registry, item.kind.rawValue, item.name, &error) else {
            if error != nil { throw failure("read", error) }
            return nil
        }
        defer { tokensh_secret_free(found) }
        return Secret(String(cString: found))
    }

    public func prepareToStore() throws(ShellError) { _ = try items() }

    public func store(_ item: KeyringItem, secret: Secret) throws(ShellError) {
        let what = item.kind == .login ? "npm login \(item.name)" : "npm token \(item.name)"
        let label = "tokensh: \(what) for \(RegistryURL.redact(item.registry))"
        var error: UnsafeMutablePointer<CChar>?
        let status = tokensh_secret_store(
            item.registry, item.kind.rawValue, item.name, item.user, label, secret.reveal(), &error)
        guard status == 0 else { throw failure("store an item in", error) }
    }

    @discardableResult
    public func remove(_ item: KeyringItem) throws(ShellError) -> Bool {
        var error: UnsafeMutablePointer<CChar>?
        let status = tokensh_secret_clear(item.registry, item.kind.rawValue, item.name, &error)
        guard status >= 0 else { throw failure("remove an item from", error) }
        return status == 1
    }

    public func lock() throws(ShellError) -> String {
        "The Secret Service locks with your desktop session (or its own settings); tokensh keeps nothing unlocked."
    }

    private func failure(_ action: String, _ error: UnsafeMutablePointer<CChar>?) -> ShellError {
        let reason = Self.take(error) ?? "no reason given"
        return ShellError(
            .failure, "could not \(action) the Secret Service: \(TerminalText.line(reason))",
            hint: "unlock your keyring (it may be waiting for a password on the desktop), then try again",
            code: "EKEYRING")
    }

    private static func take(_ error: UnsafeMutablePointer<CChar>?) -> String? {
        guard let error else { return nil }
        defer { free(error) }
        return String(cString: error)
    }
}
