/// POSIX path arithmetic for config files, done on strings so the core needs no file system.
enum ConfigPath {
    /// npm's path-typed config rule: a leading `~/` is the home folder, a relative path is
    /// resolved against the working folder, and the result is normalised (`path.resolve`).
    static func resolve(_ path: String, cwd: String, home: String) -> String {
        if path == "~" {
            return normalize(home)
        }
        if path.hasPrefix("~/") {
            return normalize(home + "/" + path.dropFirst(2))
        }
        if path.hasPrefix("/") {
            return normalize(path)
        }
        return normalize(cwd + "/" + path)
    }

    /// Collapses `//`, `.` and `..`; keeps the path absolute; no trailing `/` except for root.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".":
                continue
            case "..":
                if !parts.isEmpty { parts.removeLast() }
            default:
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The folder above, or `nil` at the root.
    static func parent(of path: String) -> String? {
        let normalized = normalize(path)
        guard normalized != "/" else { return nil }
        guard let slash = normalized.lastIndex(of: "/") else { return nil }
        let parent = String(normalized[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
