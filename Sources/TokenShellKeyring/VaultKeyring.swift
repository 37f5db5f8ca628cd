import Crypto
import TokenShellCore
import TokenShellSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The keyring as an encrypted file (`$XDG_DATA_HOME/tokensh/vault`, mode 0600). Every write
/// goes through the locked, atomic writer the npm configs use, so a failed or interrupted write
/// leaves the previous vault as it was.
public final class VaultKeyring: KeyringStore {
    public let path: String
    private let shownPath: String
    private let passphrase: any KeyringPassphraseSource
    private let cache: KernelKeyCache
    private let unlockSeconds: Int
    private var key: SymmetricKey?
    /// A new vault's settings and key, chosen before its first write.
    private var pendingCreation: (VaultFile.Parameters, SymmetricKey)?
    /// Said once when the kernel keyring refuses the key: the passphrase is then asked each run.
    public private(set) var cacheUnavailable = false

    /// `unlockSeconds` 0 keeps the key in this process only.
    public init(path: String, home: String, passphrase: any KeyringPassphraseSource, unlockSeconds: Int) {
        self.path = path
        self.shownPath = path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
        self.passphrase = passphrase
        self.unlockSeconds = unlockSeconds
        self.cache = KernelKeyCache(
            description: "tokensh:vault:"
                + SHA256.hash(data: Array(path.utf8)).prefix(8).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
                .joined())
    }

    public var place: String { "the vault \(shownPath)" }

    public func items() throws(ShellError) -> [KeyringItem] { try entries().map(\.item) }

    public func secret(of item: KeyringItem) throws(ShellError) -> Secret? {
        try entries().first { $0.item.isSameSlot(as: item) }?.secret
    }

    public func prepareToStore() throws(ShellError) {
        if FileManager.default.fileExists(atPath: path) {
            _ = try entries()
        } else if pendingCreation == nil {
            try makeFolder()
            pendingCreation = try newVaultKey()
        }
    }

    private func makeFolder() throws(ShellError) {
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        do {
            if !folder.isEmpty { try PrivateFolder.make(folder) }
        } catch {
            throw ShellError(
                .failure, "cannot create \(folder) for \(place): \(Shell.shellError(from: error).message)",
                hint: "check that XDG_DATA_HOME (or ~/.local/share) is a writable folder", code: "EVAULTFOLDER")
        }
    }

    private func newVaultKey() throws(ShellError) -> (VaultFile.Parameters, SymmetricKey) {
        let typed = try passphrase.passphrase(for: place, creating: true, retry: false)
        let parameters = VaultFile.Parameters.fresh()
        do throws(VaultFile.Problem) {
            return (parameters, try VaultFile.deriveKey(typed, parameters))
        } catch { throw explain(error) }
    }

    public func store(_ item: KeyringItem, secret: Secret) throws(ShellError) {
        try update { entries in
            entries.removeAll { $0.item.isSameSlot(as: item) }
            entries.append(VaultFile.Entry(item: item, secret: secret))
            return true
        }
    }

    @discardableResult
    public func remove(_ item: KeyringItem) throws(ShellError) -> Bool {
        var removed = false
        try update { entries in
            let before = entries.count
            entries.removeAll { $0.item.isSameSlot(as: item) }
            removed = entries.count != before
            return removed
        }
        return removed
    }

    public func lock() throws(ShellError) -> String {
        key = nil
        let forgotten = cache.forget()
        return forgotten
            ? "Locked \(place): the next use asks for its passphrase."
            : "\(place.prefix(1).uppercased() + place.dropFirst()) was not unlocked; nothing to forget."
    }

    // MARK: reading and writing

    private func entries() throws(ShellError) -> [VaultFile.Entry] {
        guard let bytes = try readFile() else { return [] }
        let file = try parse(bytes)
        return try open(file)
    }

    /// The vault's bytes, read as config files are: a FIFO, a device or a file over 1 MiB is
    /// refused rather than read (or waited on).
    private func readFile() throws(ShellError) -> [UInt8]? {
        do {
            return try AtomicFileWriter.read(path)?.bytes
        } catch {
            let reason = Shell.shellError(from: error).message.replacing(
                ": npm settings are read only from files", with: "")
            throw ShellError(
                .failure, "\(place) cannot be read: \(reason)",
                hint: "the vault is a regular file of at most 1 MiB; move aside what is there if it is not yours",
                code: "EVAULTDAMAGED")
        }
    }

    private func parse(_ bytes: [UInt8]) throws(ShellError) -> VaultFile {
        do {
            return try VaultFile.parse(bytes)
        } catch {
            throw explain(error)
        }
    }

    /// The entries, with the key kept in this process, then the kernel keyring's, then a passphrase.
    private func open(_ file: VaultFile) throws(ShellError) -> [VaultFile.Entry] {
        for known in [key, cache.read().map { SymmetricKey(data: $0) }] {
            guard let known else { continue }
            if let entries = try? file.open(with: known) {
                key = known
                return entries
            }
        }
        var retry = false
        for _ in 0..<3 {
            let typed = try passphrase.passphrase(for: place, creating: false, retry: retry)
            do {
                let derived = try VaultFile.deriveKey(typed, file.parameters)
                let entries = try file.open(with: derived)
                remember(derived)
                return entries
            } catch .wrongPassphrase {
                retry = true
            } catch {
                throw explain(error)
            }
        }
        throw explain(.wrongPassphrase)
    }

    private func remember(_ derived: SymmetricKey) {
        key = derived
        guard unlockSeconds > 0 else { return }
        let stored = derived.withUnsafeBytes { cache.store(Array($0), seconds: unlockSeconds) }
        cacheUnavailable = !stored
    }

    /// Read, change, seal and replace under the config lock; `change` returns false to leave the
    /// file alone.
    private func update(_ change: (inout [VaultFile.Entry]) -> Bool) throws(ShellError) {
        try makeFolder()
        let writer = AtomicFileWriter(options: .userConfig)
        do {
            _ = try writer.update(path: path) { bytes throws(ShellError) -> [UInt8]? in
                var entries: [VaultFile.Entry]
                var parameters: VaultFile.Parameters
                let sealingKey: SymmetricKey
                if let bytes {
                    let file = try parse(bytes)
                    entries = try open(file)
                    parameters = file.parameters
                    guard let key else { return nil }
                    sealingKey = key
                } else {
                    let created: (VaultFile.Parameters, SymmetricKey)
                    if let pending = pendingCreation { created = pending } else { created = try newVaultKey() }
                    pendingCreation = nil
                    (parameters, sealingKey) = created
                    entries = []
                    remember(sealingKey)
                }
                guard change(&entries) else { return nil }
                do throws(VaultFile.Problem) {
                    return try VaultFile.seal(entries, key: sealingKey, parameters: parameters).bytes
                } catch {
                    throw explain(error)
                }
            }
        } catch let error as ShellError {
            throw error
        } catch {
            throw ShellError(
                .failure, "could not write \(place): \(Shell.shellError(from: error).message)",
                hint: "check that the folder is writable; the previous vault was kept")
        }
    }

    private func explain(_ problem: VaultFile.Problem) -> ShellError {
        switch problem {
        case .damaged(let why):
            ShellError(
                .failure, "\(place) is damaged: \(why); tokensh left it as it is",
                hint: "restore it from a backup, or move it aside to start a new vault (its tokens are then lost)",
                code: "EVAULTDAMAGED")
        case .truncated:
            ShellError(
                .failure, "\(place) is truncated; tokensh left it as it is",
                hint: "restore it from a backup, or move it aside to start a new vault (its tokens are then lost)",
                code: "EVAULTDAMAGED")
        case .newer(let version):
            ShellError(
                .failure,
                "\(place) was written by a newer tokensh (format \(version); this one reads \(VaultFile.version))",
                hint: "use the newer tokensh; the vault was left as it is", code: "EVAULTVERSION")
        case .wrongPassphrase:
            ShellError(
                .failure, "the passphrase does not open \(place) (or the file was altered)",
                hint: "try again; `tips storage` says what to do when a passphrase is lost", code: "EBADPASSPHRASE")
        }
    }
}
