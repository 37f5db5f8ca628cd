import TokenShellCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which keyring this machine offers: the Secret Service when the session bus has one, else
/// the vault file. `TOKENSH_KEYRING=secret-service|vault` picks one; the one picked never falls
/// back to the other, nor to a plain file.
public enum LocalKeyring {
    /// `$XDG_DATA_HOME/tokensh/vault` (default `~/.local/share/tokensh/vault`).
    public static func vaultPath(environment: [String: String], home: String) -> String {
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (home.hasSuffix("/") ? home : home + "/") + ".local/share"
        return base + "/tokensh/vault"
    }

    /// Cheap: no D-Bus call, no passphrase.
    public static func mayHoldItems(environment: [String: String], home: String) -> Bool {
        switch environment["TOKENSH_KEYRING"] {
        case "vault": return FileManager.default.fileExists(atPath: vaultPath(environment: environment, home: home))
        case "secret-service": return true
        default:
            return !(environment["DBUS_SESSION_BUS_ADDRESS"] ?? "").isEmpty
                || FileManager.default.fileExists(atPath: vaultPath(environment: environment, home: home))
        }
    }

    public static func open(
        environment: [String: String], home: String, passphrase: any KeyringPassphraseSource
    ) throws(ShellError) -> any KeyringStore {
        let seconds = try unlockSeconds(environment)
        func vault() -> VaultKeyring {
            VaultKeyring(
                path: vaultPath(environment: environment, home: home), home: home, passphrase: passphrase,
                unlockSeconds: seconds)
        }
        switch environment["TOKENSH_KEYRING"] {
        case "vault":
            return vault()
        case "secret-service":
            return try SecretServiceKeyring.connect().get()
        case let other? where !other.isEmpty:
            throw ShellError(
                .usage, "TOKENSH_KEYRING=\(TerminalText.line(other)) is not a keyring tokensh knows",
                hint: "use secret-service or vault, or unset it to let tokensh choose")
        default:
            let vault = vault()
            // A vault already in use stays the keyring, even once a desktop session appears.
            if FileManager.default.fileExists(atPath: vault.path) { return vault }
            if !(environment["DBUS_SESSION_BUS_ADDRESS"] ?? "").isEmpty,
                case .success(let service) = SecretServiceKeyring.connect()
            {
                return service
            }
            return vault
        }
    }

    /// How long an unlocked vault stays unlocked: `TOKENSH_UNLOCK_MINUTES` (0 keeps it in one run
    /// only), default 15 minutes, at most a day.
    static func unlockSeconds(_ environment: [String: String]) throws(ShellError) -> Int {
        guard let text = environment["TOKENSH_UNLOCK_MINUTES"], !text.isEmpty else { return 15 * 60 }
        guard let minutes = Int(text), (0...(24 * 60)).contains(minutes) else {
            throw ShellError(
                .usage, "TOKENSH_UNLOCK_MINUTES=\(TerminalText.line(text)) is not a number of minutes from 0 to 1440",
                hint: "e.g. TOKENSH_UNLOCK_MINUTES=5, or 0 to keep the vault unlocked for one run only")
        }
        return minutes * 60
    }
}
