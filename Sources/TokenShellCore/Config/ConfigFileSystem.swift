/// The few file questions config resolution asks, so the core can find the project folder and
/// read `.npmrc` files without touching the disk itself.
public protocol ConfigFileSystem: Sendable {
    /// Whether anything (file, folder, link target) exists at `path`.
    func fileExists(atPath path: String) -> Bool
    /// Whether `path` is a folder (following links), as npm's `node_modules` check does.
    func isDirectory(atPath path: String) -> Bool
    /// The text of a file, or `nil` when it does not exist; other failures throw.
    func contents(atPath path: String) throws -> String?
}
