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

/// New contents written and synced to a temporary file next to the target, waiting for the
/// rename that makes them visible. Until `commit()` the target is untouched, which is what
/// makes a crash harmless.
///
/// The temporary file is `.NAME.tmp-PID-RANDOM`: the writer's process id in the name is what
/// lets a later writer tell a file abandoned by a killed process from one being written now.
struct StagedFile {
    let target: String
    let temporaryPath: String

    init(target: String, contents: [UInt8], mode: mode_t) throws {
        let folder = PathString.deletingLastComponent(target)
        let name = PathString.lastComponent(target)
        var descriptor: Int32 = -1
        var candidate = ""
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            candidate = PathString.appending(
                Self.prefix(for: name) + "\(getpid())-\(suffix)", to: folder.isEmpty ? "." : folder)
            descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw AtomicFileWriter.failure("cannot create a file next to \(target)", errno) }
        temporaryPath = candidate
        self.target = target
        do {
            // The umask may have narrowed the mode given to open(); set it exactly.
            guard fchmod(descriptor, mode) == 0 else { throw AtomicFileWriter.failure("cannot set the mode", errno) }
            if let code = AppendOnlyFile.writeAll(contents, to: descriptor) {
                throw AtomicFileWriter.failure("cannot write \(candidate)", code)
            }
            guard fsync(descriptor) == 0 else { throw AtomicFileWriter.failure("cannot sync \(candidate)", errno) }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(candidate)
            throw error
        }
    }

    /// `.NAME.tmp-`: what every temporary file for `NAME` starts with.
    static func prefix(for name: String) -> String {
        ".\(name).tmp-"
    }

    /// The writer's process id when `name` is one of our temporary files for `target`'s name:
    /// `.NAME.tmp-PID-RANDOM`, or `0` for the older `.NAME.tmp-RANDOM` (no process id), `nil`
    /// for any other name.
    static func stagingProcess(_ name: String, for targetName: String) -> pid_t? {
        let prefix = prefix(for: targetName)
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        let isBase36 = { (part: Substring) in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
        switch parts.count {
        case 1 where isBase36(parts[0]):
            return 0
        case 2 where isBase36(parts[1]):
            guard let pid = pid_t(parts[0]), pid > 0 else { return nil }
            return pid
        default:
            return nil
        }
    }

    /// The name of the file a temporary file stands in for (`.npmrc` for `..npmrc.tmp-12-x7`),
    /// or `nil` when `name` is not one of our temporary files.
    static func targetName(ofStaging name: String) -> String? {
        guard name.hasPrefix("."), let marker = name.ranges(of: ".tmp-").last else { return nil }
        let target = String(name[name.index(after: name.startIndex)..<marker.lowerBound])
        guard !target.isEmpty, stagingProcess(name, for: target) != nil else { return nil }
        return target
    }

    /// Every regular file next to `target` named as our temporary files for it, whoever wrote
    /// it and whether or not its writer is alive: what `audit` reports.
    static func stagingFiles(nextTo target: String) -> [String] {
        let folder = PathString.deletingLastComponent(target)
        let name = PathString.lastComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.sorted().compactMap { entry in
            guard stagingProcess(entry, for: name) != nil else { return nil }
            let path = PathString.appending(entry, to: folder.isEmpty ? "." : folder)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return path
        }
    }

    /// Our temporary files next to `target` that a writer left behind: named as we name them,
    /// regular files (not followed), owned by this user, and either from a process that is gone
    /// or (without a process id, or in case the id was reused) older than `staleAfter` seconds.
    /// A file of a live writer is never among them: with the lock kept per user, another user
    /// (or another lock folder) may be writing the same file right now.
    static func abandoned(nextTo target: String, staleAfter: Double = 600) -> [String] {
        let folder = PathString.deletingLastComponent(target)
        let name = PathString.lastComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        let now = time(nil)
        var found: [String] = []
        for entry in names.sorted() {
            guard let pid = stagingProcess(entry, for: name) else { continue }
            let path = PathString.appending(entry, to: folder.isEmpty ? "." : folder)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { continue }
            let age = Double(now - info.st_mtim.tv_sec)
            let writerGone = pid > 0 && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            let legacyStale = pid == 0 && age > 60
            if writerGone || legacyStale || age > staleAfter {
                found.append(path)
            }
        }
        return found
    }

    /// Deletes the temporary files that writers killed mid-write (kill -9, power loss) left next
    /// to `target` (see ``abandoned(nextTo:staleAfter:)``): each may hold a token. Called under
    /// the target's lock, before staging.
    static func removeAbandoned(nextTo target: String) {
        for path in abandoned(nextTo: target) {
            unlink(path)
        }
    }

    /// Renames the temporary file over the target and syncs the folder.
    func commit() throws {
        guard rename(temporaryPath, target) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw AtomicFileWriter.failure("cannot replace \(target)", code)
        }
        AtomicFileWriter.syncFolder(PathString.deletingLastComponent(target))
    }

    /// Drops the staged contents, leaving the target as it was.
    func discard() {
        unlink(temporaryPath)
    }
}
