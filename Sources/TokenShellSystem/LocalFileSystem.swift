import TokenShellCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real disk behind the core's `ConfigFileSystem`.
public struct LocalFileSystem: ConfigFileSystem {
    public init() {}

    public func fileExists(atPath path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public func isDirectory(atPath path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// A config file's text; a FIFO, a device, a folder or a file over 1 MiB is refused with a
    /// `ShellError` naming it (see `AtomicFileWriter.read`).
    public func contents(atPath path: String) throws -> String? {
        try AtomicFileWriter.read(path).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// Permission bits of a file (after following links), or `nil` when it does not exist;
    /// `audit` uses it to spot a user config that others can read.
    public func permissions(atPath path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }
}
