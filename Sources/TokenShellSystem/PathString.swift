#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few path operations the shell needs, on plain strings, with `NSString`'s results for the
/// shapes we use, so the executable does not link the full Foundation just for them.
public enum PathString {
    /// The path without its last component: `a/b/c` → `a/b`, `/file` → `/`, `file` → ``.
    public static func deletingLastComponent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let head = trimmingTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// The last component: `a/b/` → `b`, `/` → `/`.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        let tail = String(trimmed[trimmed.index(after: slash)...])
        return tail.isEmpty ? trimmed : tail
    }

    /// `folder/component`, with exactly one slash between them.
    public static func appending(_ component: String, to folder: String) -> String {
        if folder.isEmpty { return component }
        if component.isEmpty { return folder }
        return trimmingTrailingSlashes(folder).appendingSlash() + component.drop { $0 == "/" }
    }

    /// The path with every symbolic link resolved; the path itself when it cannot be resolved.
    public static func resolvingSymlinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}

extension String {
    fileprivate func appendingSlash() -> String { hasSuffix("/") ? self : self + "/" }
}
