import TokenShellCore

/// An in-memory file tree: files by absolute path, plus folders.
struct FakeConfigFileSystem: ConfigFileSystem {
    var files: [String: String] = [:]
    var folders: Set<String> = []

    func fileExists(atPath path: String) -> Bool {
        files[path] != nil || folders.contains(path)
    }

    func isDirectory(atPath path: String) -> Bool {
        folders.contains(path)
    }

    func contents(atPath path: String) throws -> String? {
        files[path]
    }
}
