#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Folders that hold secrets or state (token files, backups, the guide's progress, a practice
/// registry's config): created with their parents, mode 0700, when missing.
public enum PrivateFolder {
    public static func make(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
