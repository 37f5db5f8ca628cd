import Foundation
import Synchronization
import Testing
import TokenShellCore

@testable import TokenShellSystem

/// The lock that serialises config edits is a private file of the user's, waited for with a deadline, and given
/// up at once on Ctrl-C.
@Suite struct ConfigLockTests {
    static func failure(_ body: () throws -> Void) -> ShellError? {
        do {
            try body()
            return nil
        } catch let error as ShellError {
            return error
        } catch {
            return ShellError(.failure, "unexpected \(error)")
        }
    }

    @Test("security 08: a busy lock is announced, then given up after the timeout or at once when cancelled")
    func busyLockTimesOutOrStops() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.file(".npmrc")
        let holder = try ConfigLock(for: target, settings: ConfigLockSettings(folder: folder.lockFolder))
        defer { holder.release() }
        let messages = Mutex<[String]>([])
        let patient = ConfigLockSettings(
            folder: folder.lockFolder, timeout: 0.3, onWait: { line in messages.withLock { $0.append(line) } })
        let started = ContinuousClock.now
        let timedOut = Self.failure { _ = try ConfigLock(for: target, settings: patient) }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        let lockPath = folder.lockFolder + "/" + ConfigLock.lockName(for: ConfigLock.canonical(target))
        #expect(timedOut?.status == .failure)
        #expect(timedOut?.message.contains(lockPath) == true)
        #expect(messages.withLock { $0 }.count == 1)
        #expect(messages.withLock { $0 }.first?.contains(lockPath) == true)

        let cancelled = ConfigLockSettings(folder: folder.lockFolder, timeout: 30, isCancelled: { true })
        let stopped = Self.failure { _ = try ConfigLock(for: target, settings: cancelled) }
        #expect(stopped?.status == .interrupted)

        holder.release()
        let free = try ConfigLock(for: target, settings: patient)
        free.release()
    }

    @Test("security 08: a lock file that is a link, shared, or in a folder others can write is refused")
    func untrustedLockFilesAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.file(".npmrc")
        let settings = ConfigLockSettings(folder: folder.lockFolder, timeout: 0.2)
        let lockPath = try ConfigLock.prepareLockFile(for: target, in: folder.lockFolder)

        try FileManager.default.createSymbolicLink(atPath: lockPath, withDestinationPath: folder.file("elsewhere"))
        #expect(
            Self.failure { _ = try ConfigLock(for: target, settings: settings) }?.message.contains("symbolic link")
                == true)
        #expect(!FileManager.default.fileExists(atPath: folder.file("elsewhere")))
        try FileManager.default.removeItem(atPath: lockPath)

        FileManager.default.createFile(atPath: lockPath, contents: nil, attributes: [.posixPermissions: 0o644])
        #expect(
            Self.failure { _ = try ConfigLock(for: target, settings: settings) }?.message.contains("mode is 644")
                == true)
        try FileManager.default.removeItem(atPath: lockPath)

        chmod(folder.lockFolder, 0o777)
        #expect(
            Self.failure { _ = try ConfigLock(for: target, settings: settings) }?.message.contains("lock folder")
                == true)
        chmod(folder.lockFolder, 0o700)
        try ConfigLock(for: target, settings: settings).release()
    }

    @Test("security 08: every spelling of one file takes the same lock, other files another")
    func lockNamesFollowTheResolvedPath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let direct = ConfigLock.lockName(for: ConfigLock.canonical(folder.file(".npmrc")))
        let dotted = ConfigLock.lockName(for: ConfigLock.canonical(folder.path + "/./.npmrc"))
        #expect(direct == dotted)
        #expect(direct.hasPrefix("_npmrc-") && direct.hasSuffix(".lock"))
        #expect(direct != ConfigLock.lockName(for: ConfigLock.canonical(folder.file("other"))))
    }
}
