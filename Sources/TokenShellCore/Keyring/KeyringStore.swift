/// A credential tokensh keeps outside plain files: a login session under an account name, or a
/// token saved with `--save keyring:NAME`. The attributes are not secret (the Secret Service
/// shows them to anyone who can list items); the secret is read only through `secret(of:)`.
public struct KeyringItem: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A login session (`login --store keyring --as NAME`): an account.
        case login
        /// A token from `token create --save keyring:NAME`.
        case token
    }

    /// The registry URL as the npm config writes it for the credential (with the final slash).
    public var registry: String
    public var kind: Kind
    public var name: String
    /// The npm user the credential belongs to, when it was known at saving time ("" otherwise).
    public var user: String

    public init(registry: String, kind: Kind, name: String, user: String = "") {
        self.registry = KeyringItem.canonical(registry)
        self.kind = kind
        self.name = name
        self.user = user
    }

    /// Two items are the same slot when registry, kind and name agree; `user` is description.
    public func isSameSlot(as other: KeyringItem) -> Bool {
        registry == other.registry && kind == other.kind && name == other.name
    }

    /// The registry as items name it: with its final slash and without a password of its URL
    /// (the Secret Service shows attributes to anyone who can list items, locked or not).
    static func canonical(_ registry: String) -> String {
        let plain = RegistryURL(registry)?.withoutUserinfo ?? registry
        return plain.hasSuffix("/") ? plain : plain + "/"
    }

    /// The name a login gets without `--as`.
    public static let defaultAccount = "default"

    /// Account and token names: short, printable, no spaces (they appear in prompts and in
    /// recorded lines).
    public static func checkName(_ name: String, what: String) throws(ShellError) {
        let allowed = name.unicodeScalars.allSatisfy {
            ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x41 && $0.value <= 0x5A)
                || ($0.value >= 0x61 && $0.value <= 0x7A) || "-_.@".unicodeScalars.contains($0)
        }
        guard !name.isEmpty, name.count <= 64, allowed else {
            throw ShellError(
                .usage, "`\(TerminalText.line(name))` is not a usable \(what) name",
                hint: "use up to 64 letters, digits, '-', '_', '.' or '@'", code: "EBADNAME")
        }
    }
}

/// Where `keyring` credentials live: the Secret Service, or tokensh's encrypted vault file.
public protocol KeyringStore: AnyObject {
    /// The backend as messages name it ("the Secret Service", "the vault ~/.local/share/tokensh/vault").
    var place: String { get }
    /// Every item, without reading any secret (a locked vault still asks for its passphrase).
    func items() throws(ShellError) -> [KeyringItem]
    /// The secret in the item's slot (registry, kind, name), nil when the slot is empty.
    func secret(of item: KeyringItem) throws(ShellError) -> Secret?
    /// Asks now whatever a `store` would ask (a vault's passphrase; a new vault's, twice) and
    /// checks that the store can be read, so that nothing is created that could not be kept.
    func prepareToStore() throws(ShellError)
    /// Stores the secret in the item's slot, replacing what was there.
    func store(_ item: KeyringItem, secret: Secret) throws(ShellError)
    /// Empties the item's slot; false when it was empty.
    @discardableResult func remove(_ item: KeyringItem) throws(ShellError) -> Bool
    /// Forgets any unlocked state at once; says what it did.
    func lock() throws(ShellError) -> String
}

/// How a keyring asks for its passphrase: the shell's echo-off prompt, or
/// `TOKENSH_VAULT_PASSPHRASE` when there is no terminal.
public protocol KeyringPassphraseSource: AnyObject {
    /// `creating`: a new vault, so the passphrase is asked twice and must match. `retry`: the
    /// last one did not open the vault.
    func passphrase(for place: String, creating: Bool, retry: Bool) throws(ShellError) -> Secret
}

extension KeyringStore {
    /// Items of one registry and kind.
    public func items(registry: String, kind: KeyringItem.Kind) throws(ShellError) -> [KeyringItem] {
        let registry = KeyringItem.canonical(registry)
        return try items().filter { $0.registry == registry && $0.kind == kind }
    }
}
