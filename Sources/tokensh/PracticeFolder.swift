import Synchronization
import TokenShellSystem

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

/// The throw-away folder of a practice registry (`tokensh-practice-PID-RANDOM` in `TMPDIR`),
/// which holds a login and must not outlive the shell.
///
/// Removed on every way out: `remove()` on a normal stop, an `atexit` handler when the shell
/// exits without stopping the practice registry (one the guide started), and a watchdog for
/// SIGTERM, SIGHUP, SIGKILL or a crash. The watchdog is a `/bin/sh` in its own session that
/// waits for end-of-file on a pipe only this process writes to; the kernel closes it however
/// the shell ends, and the watchdog then removes the folder. Folders left by a shell whose
/// watchdog was killed too are swept at the next practice start (`removeStale`).
final class PracticeFolder {
    static let prefix = "tokensh-practice-"

    let path: String
    private let watchdog: Subprocess?
    private static let live = Mutex<Set<String>>([])
    private static let exitHook = Mutex(false)

    private init(path: String, watchdog: Subprocess?) {
        self.path = path
        self.watchdog = watchdog
    }

    /// Creates a new folder (mode 0700; fails rather than reuse an existing path) and its watchdog.
    static func create() throws -> PracticeFolder {
        let parent = temporaryDirectory()
        removeStale(in: parent)
        let path = parent + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, 0o700) == 0 else {
            throw PracticeSandboxError("could not create \(path): \(String(cString: strerror(errno)))")
        }
        let watchdog = try? Subprocess.spawn(
            "/bin/sh", arguments: ["-c", "cat >/dev/null; rm -rf -- \"$0\"", path], stdin: .pipe, stdout: .null,
            stderr: .null, newSession: true)
        live.withLock { _ = $0.insert(path) }
        exitHook.withLock { installed in
            guard !installed else { return }
            installed = true
            atexit { PracticeFolder.removeAllLive() }
        }
        return PracticeFolder(path: path, watchdog: watchdog)
    }

    /// Removes the folder now and lets the watchdog finish.
    func remove() {
        Self.removeTree(path)
        Self.live.withLock { _ = $0.remove(path) }
        watchdog?.closeInput()
        watchdog?.wait()
    }

    private static func removeAllLive() {
        for path in live.withLock({ $0 }) { removeTree(path) }
    }

    /// Removes `path` without following a symbolic link in it (FileManager removes links themselves).
    private static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes this user's practice folders in `parent` whose shell is gone. Only real folders
    /// (not links) named exactly `tokensh-practice-PID-NUMBER` and owned by this user are
    /// considered; a folder whose PID is running (whatever the process) is kept.
    static func removeStale(in parent: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names {
            guard let pid = ownerPID(of: name), pid != getpid() else { continue }
            let path = parent + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { removeTree(path) }
        }
    }

    /// The PID in `tokensh-practice-PID-NUMBER`, or nil for any other name.
    static func ownerPID(of name: String) -> pid_t? {
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        let isNumber = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard parts.count == 2, parts.allSatisfy(isNumber), UInt32(parts[1]) != nil, let pid = pid_t(parts[0]), pid > 0
        else { return nil }
        return pid
    }

    /// `TMPDIR` with a trailing slash, else `/tmp/`, as `NSTemporaryDirectory` gave.
    static func temporaryDirectory() -> String {
        guard let folder = getenv("TMPDIR").map({ String(cString: $0) }), !folder.isEmpty else { return "/tmp/" }
        return folder.hasSuffix("/") ? folder : folder + "/"
    }
}
