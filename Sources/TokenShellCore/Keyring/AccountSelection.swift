/// Which keyring account each registry uses (`account use NAME`), kept in tokensh's state
/// folder: names only, never a secret.
public protocol AccountSelectionStore: AnyObject, Sendable {
    func selected(registry: String) -> String?
    /// Sets (or, with nil, clears) the account of one registry.
    func select(_ name: String?, registry: String) throws(ShellError)
}

/// The selection file's text: one JSON object of registry → account name.
public enum AccountSelectionText {
    public static func parse(_ text: String?) -> [String: String] {
        guard let text, let members = RegistryJSON.parse(text)?.objectMembers else { return [:] }
        var result: [String: String] = [:]
        // A name tokensh would not have written (control characters, spaces) is ignored: the
        // file is the user's to edit, and the name reaches the prompt.
        for (registry, value) in members {
            guard let name = value.stringValue, (try? KeyringItem.checkName(name, what: "account")) != nil else {
                continue
            }
            result[registry] = name
        }
        return result
    }

    public static func render(_ selection: [String: String]) -> String {
        RegistryJSON.object(selection.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).serialized
            + "\n"
    }
}
