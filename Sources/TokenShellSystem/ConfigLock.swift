import TokenShellCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` that serialises the edits of one config file, held until `release()`.
///
/// The lock is a file of its own in a private folder of the user's (`$XDG_STATE_HOME/tokensh/
/// locks`, mode 0700), named after the config file's resolved path: every tokensh process of
/// this user that edits that file takes the same lock. Not the config's folder (anyone who can
/// open a folder can `flock` it, so another local user could stall every edit) and not a
/// sibling `FILE.lock` (in a folder others can write, someone else could create it first).
/// The price: two different users editing one shared project `.npmrc` do not exclude each
/// other. Each write is still an atomic rename, so the file is never torn; the later write wins,
/// as it does with npm, which takes no lock at all.
///
/// The lock file is opened with `O_NOFOLLOW` and checked after opening: a regular file owned by
/// the user, mode 0600 or tighter, one link. Anything else is refused, never used.
///
/// Waiting is bounded: `flock(LOCK_NB)` polled every 50 ms, a message naming the lock file when
/// it is busy, an error after the timeout, and an immediate stop when `isCancelled` says so.
final class ConfigLock {
    private var descriptor: Int32

    /// Takes the lock for `target` (an absolute or relative path, symlinks already resolved).
    init(for target: String, settings: ConfigLockSettings) throws {
        let lockPath = try Self.prepareLockFile(for: target, in: settings.folder)
        descriptor = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP {
                throw Self.refusal(lockPath, "it is a symbolic link")
            }
            throw AtomicFileWriter.failure("cannot open the lock file \(lockPath)", code)
        }
        do {
            try Self.checkOwnership(descriptor, lockPath)
            try wait(lockPath, target: target, settings: settings)
        } catch {
            close(descriptor)
            descriptor = -1
            throw error
        }
    }

    private func wait(_ lockPath: String, target: String, settings: ConfigLockSettings) throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int(settings.timeout * 1000)))
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EAGAIN || code == EINTR else {
                throw AtomicFileWriter.failure("cannot lock \(lockPath)", code)
            }
            if settings.isCancelled() {
                throw ShellError(.interrupted, "stopped while waiting to edit \(target): nothing was written")
            }
            if clock.now >= deadline {
                throw ShellError(
                    .failure,
                    "gave up after \(Self.seconds(settings.timeout)) waiting for the lock file \(lockPath) "
                        + "to edit \(target): nothing was written",
                    hint: "another tokensh is still editing it; try again when it is done, or see who holds it "
                        + "with `fuser \(lockPath)`")
            }
            if !announced {
                announced = true
                settings.onWait(
                    "waiting for another tokensh to finish editing \(target) (lock file \(lockPath)); "
                        + "Ctrl-C stops\n")
            }
            usleep(useconds_t(settings.pollInterval * 1_000_000))
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit {
        release()
    }

    /// The lock file's path for `target`, after making sure its folder is private to the user.
    static func prepareLockFile(for target: String, in folder: String) throws -> String {
        do {
            try PrivateFolder.make(folder)
        } catch {
            throw ShellError(
                .failure, "cannot create the folder \(folder) for lock files",
                hint: "check that it can be created (set XDG_STATE_HOME to a writable folder)")
        }
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid(),
            info.st_mode & 0o022 == 0
        else {
            throw ShellError(
                .failure, "refusing the lock folder \(folder): it is not a folder that only you can write",
                hint: "remove it, or run `chmod 700 \(folder)` if it is yours")
        }
        return PathString.appending(lockName(for: canonical(target)), to: folder)
    }

    /// `NAME-HASH.lock`: the file's name to be recognisable, a hash of its absolute path so two
    /// files of the same name get different locks (a collision only makes two edits wait for
    /// each other).
    static func lockName(for path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3
        }
        let name = PathString.lastComponent(path).unicodeScalars.prefix(40).map { scalar -> Character in
            let value = scalar.value
            let isWordCharacter =
                (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || value == 0x2D || value == 0x5F
            return isWordCharacter ? Character(scalar) : "_"
        }
        let hex = String(hash, radix: 16)
        return String(name) + "-" + String(repeating: "0", count: 16 - hex.count) + hex + ".lock"
    }

    /// The absolute path with the folder's symlinks resolved, so every spelling of one file
    /// takes the same lock.
    static func canonical(_ target: String) -> String {
        var absolute = target
        if !absolute.hasPrefix("/"), let cwd = getcwd(nil, 0) {
            absolute = PathString.appending(target, to: String(cString: cwd))
            free(cwd)
        }
        let folder = PathString.deletingLastComponent(absolute)
        guard let resolved = realpath(folder.isEmpty ? "/" : folder, nil) else { return absolute }
        defer { free(resolved) }
        return PathString.appending(PathString.lastComponent(absolute), to: String(cString: resolved))
    }

    private static func checkOwnership(_ descriptor: Int32, _ lockPath: String) throws {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw AtomicFileWriter.failure("cannot inspect \(lockPath)", errno) }
        if info.st_mode & S_IFMT != S_IFREG {
            throw refusal(lockPath, "it is not a regular file")
        }
        if info.st_uid != geteuid() {
            throw refusal(lockPath, "it belongs to user id \(info.st_uid), not to you")
        }
        if info.st_mode & 0o077 != 0 {
            throw refusal(lockPath, "its mode is \(String(info.st_mode & 0o777, radix: 8)), not 600")
        }
        if info.st_nlink != 1 {
            throw refusal(lockPath, "it has \(info.st_nlink) links")
        }
    }

    private static func refusal(_ lockPath: String, _ reason: String) -> ShellError {
        ShellError(
            .failure, "refusing the lock file \(lockPath): \(reason); tokensh creates it itself, private to you",
            hint: "delete it (`rm \(lockPath)`) and try again")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
