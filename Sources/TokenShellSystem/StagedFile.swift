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
struct StagedFile {
    let target: String
    let temporaryPath: String

    init(target: String, contents: String, mode: mode_t) throws {
        let folder = PathString.deletingLastComponent(target)
        let name = PathString.lastComponent(target)
        var descriptor: Int32 = -1
        var candidate = ""
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            candidate = PathString.appending(".\(name).tmp-\(suffix)", to: folder.isEmpty ? "." : folder)
            descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw AtomicFileWriter.failure("cannot create a file next to \(target)", errno) }
        temporaryPath = candidate
        self.target = target
        do {
            // The umask may have narrowed the mode given to open(); set it exactly.
            guard fchmod(descriptor, mode) == 0 else { throw AtomicFileWriter.failure("cannot set the mode", errno) }
            let bytes = Array(contents.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFileWriter.failure("cannot write \(candidate)", errno)
                }
                offset += written
            }
            guard fsync(descriptor) == 0 else { throw AtomicFileWriter.failure("cannot sync \(candidate)", errno) }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(candidate)
            throw error
        }
    }

    /// Renames the temporary file over the target and syncs the folder.
    /// Deletes temporary files that writers killed mid-write (kill -9, power loss) left next to
    /// `target`. Call it only while holding the folder lock: every writer stages under that lock,
    /// so any temporary file found then belongs to a writer that is gone.
    static func removeAbandoned(nextTo target: String) {
        let folder = PathString.deletingLastComponent(target)
        let prefix = ".\(PathString.lastComponent(target)).tmp-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let suffix = name.dropFirst(prefix.count)
            guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
                continue
            }
            unlink(PathString.appending(name, to: folder.isEmpty ? "." : folder))
        }
    }

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
