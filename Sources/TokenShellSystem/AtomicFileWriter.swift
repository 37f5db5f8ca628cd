import TokenShellCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// Read-modify-write of a config file that loses nothing: under a lock, through a temporary
/// file in the same folder that is synced and renamed over the target.
///
/// Locking: an exclusive `flock` on a private lock file that stands for the target (see
/// ``ConfigLock``). Not on the file itself, whose inode the rename replaces (a waiter would then
/// hold a lock on the old file). npm itself takes no lock.
///
/// Reading takes only regular files of at most ``maximumSize`` bytes, and works in bytes: the
/// transform gets and returns bytes, so an edit keeps what is not UTF-8.
///
/// A symlinked config is written through to its target (the link stays a link). A crash at any
/// point leaves either the old or the new contents, never a mix.
public struct AtomicFileWriter: Sendable {
    /// How to treat permissions and emptiness.
    public struct Options: Sendable {
        /// Mode of a file that does not exist yet.
        public var newFileMode: mode_t
        /// Tighten an existing file that group or others can read or write to `newFileMode`
        /// (the user config holds tokens); otherwise its mode is kept.
        public var enforcePrivateMode: Bool
        /// Delete the file when the new contents are empty or only whitespace, as npm does.
        /// A symlinked file is emptied instead, so the link does not dangle.
        public var deleteIfEmpty: Bool
        /// The largest existing file read (``AtomicFileWriter/maximumSize`` for configs).
        public var sizeLimit: Int

        public init(
            newFileMode: mode_t = 0o600, enforcePrivateMode: Bool = true, deleteIfEmpty: Bool = true,
            sizeLimit: Int = AtomicFileWriter.maximumSize
        ) {
            self.newFileMode = newFileMode
            self.enforcePrivateMode = enforcePrivateMode
            self.deleteIfEmpty = deleteIfEmpty
            self.sizeLimit = sizeLimit
        }

        /// The user config: 0600, tightened, deleted when empty.
        public static let userConfig = Options()
        /// A project file: created 0644 (npm's 0666 is needlessly writable), mode kept.
        public static let projectFile = Options(newFileMode: 0o644, enforcePrivateMode: false, deleteIfEmpty: true)
    }

    /// What an update did.
    public struct Outcome: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case written
            case deleted
            /// The transform returned `nil`, or the same text: nothing was touched.
            case unchanged
        }

        public var action: Action
        /// The file actually written (the symlink's target when `path` was a link).
        public var resolvedPath: String
        /// The existing file's permission bits before the update, if it existed.
        public var previousMode: mode_t?
        /// The existing file was readable or writable by group or others.
        public var wasLooserThanPrivate: Bool
    }

    /// The largest file read: an npm config is a few hundred bytes, a large one a few KB. A
    /// MiB is far beyond any real one and small enough to hold in memory without a thought;
    /// anything bigger is a mistake or a trap (a link to `/dev/zero`).
    public static let maximumSize = 1_048_576

    public let options: Options
    public let locking: ConfigLockSettings

    public init(options: Options = .userConfig, locking: ConfigLockSettings = .current) {
        self.options = options
        self.locking = locking
    }

    /// Locks, reads the current bytes (`nil` when the file does not exist), lets `transform`
    /// compute the new bytes (`nil` for no change) and replaces the file atomically.
    @discardableResult
    public func update(path: String, _ transform: ([UInt8]?) throws -> [UInt8]?) throws -> Outcome {
        let target = try Self.resolveSymlinks(path)
        let isLink = target != path
        let folder = PathString.deletingLastComponent(target)
        let lock = try ConfigLock(for: target, settings: locking)
        defer { lock.release() }
        StagedFile.removeAbandoned(nextTo: target)

        let current = try Self.read(target, sizeLimit: options.sizeLimit)
        let previousMode = current?.mode
        let looser = previousMode.map { $0 & 0o077 != 0 } ?? false
        guard let next = try transform(current?.bytes), next != current?.bytes else {
            return Outcome(
                action: .unchanged, resolvedPath: target, previousMode: previousMode, wasLooserThanPrivate: looser)
        }
        if options.deleteIfEmpty, !isLink, next.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) {
            if current != nil, unlink(target) != 0, errno != ENOENT {
                throw Self.failure("cannot delete \(target)", errno)
            }
            Self.syncFolder(folder)
            return Outcome(
                action: .deleted, resolvedPath: target, previousMode: previousMode, wasLooserThanPrivate: looser)
        }
        var mode = previousMode ?? options.newFileMode
        if options.enforcePrivateMode, looser {
            mode = options.newFileMode
        }
        let staged = try StagedFile(target: target, contents: next, mode: mode)
        try staged.commit()
        return Outcome(action: .written, resolvedPath: target, previousMode: previousMode, wasLooserThanPrivate: looser)
    }

    /// Follows a chain of symlinks to the file they name (which may not exist yet).
    static func resolveSymlinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            if count < 0 {
                if errno == EINVAL || errno == ENOENT { return current }
                throw failure("cannot read the link \(current)", errno)
            }
            let bytes = buffer[0..<count].map { UInt8(bitPattern: $0) }
            let destination = String(decoding: bytes, as: UTF8.self)
            if destination.hasPrefix("/") {
                current = destination
            } else {
                current = PathString.appending(destination, to: PathString.deletingLastComponent(current))
            }
        }
        throw ShellError(.failure, "too many levels of symbolic links at \(path)")
    }

    /// A config file's bytes and permission bits, or `nil` when it does not exist. Only a
    /// regular file of at most `sizeLimit` bytes is read: opened with `O_NONBLOCK` so a FIFO
    /// cannot hang the shell, checked with `fstat` before a byte is read, and read no further
    /// than one byte past the limit, so a device or a growing file cannot exhaust memory.
    public static func read(_ path: String, sizeLimit: Int = maximumSize) throws -> (bytes: [UInt8], mode: mode_t)? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot read \(path)", errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot inspect \(path)", errno) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw ShellError(
                .failure, "\(path) is \(describe(type)), not a regular file: npm settings are read only from files",
                hint: "remove it or replace it with a regular file")
        }
        guard Int(info.st_size) <= sizeLimit else {
            throw tooLarge(path, sizeLimit)
        }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while data.count <= sizeLimit {
            let count = systemRead(descriptor, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read \(path)", errno)
            }
            if count == 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        guard data.count <= sizeLimit else { throw tooLarge(path, sizeLimit) }
        return (data, info.st_mode & 0o7777)
    }

    private static func tooLarge(_ path: String, _ limit: Int) -> ShellError {
        ShellError(
            .failure, "\(path) is larger than \(limit / 1_048_576) MiB: too large for a file tokensh edits",
            hint: "check what wrote it; an .npmrc holds a few lines of settings")
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    static func syncFolder(_ folder: String) {
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    static func failure(_ what: String, _ code: Int32) -> ShellError {
        ShellError(.failure, "\(what): \(String(cString: strerror(code)))")
    }
}
