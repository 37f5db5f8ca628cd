import TokenShellCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a folder, held until `release()`.
///
/// `flock` locks belong to the open file description, so two threads of one process that open
/// the folder separately exclude each other just as two processes do.
final class FolderLock {
    private var descriptor: Int32

    /// Blocks until the lock is held.
    init(folder: String) throws {
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw AtomicFileWriter.failure("cannot open the folder \(folder) to lock it", errno)
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            throw AtomicFileWriter.failure("cannot lock the folder \(folder)", code)
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
}
