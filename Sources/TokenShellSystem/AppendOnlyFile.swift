import Glibc
import TokenShellCore

/// A file written line by line as a session goes, such as a terminal recording: each `append`
/// is one `write`, so a session that dies leaves every line written so far whole.
///
/// Created with mode 0600 (a recording names the registries and accounts used). An existing
/// file is refused unless `replacing`, and then only a regular file of this user's: never a
/// symbolic link, a FIFO (which would block the open) or a file someone else could read.
public final class AppendOnlyFile {
    public let path: String
    private var descriptor: Int32

    public init(path: String, replacing: Bool) throws(ShellError) {
        self.path = path
        // O_NONBLOCK: opening a FIFO for writing would otherwise wait for a reader forever.
        let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (replacing ? 0 : O_EXCL)
        descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else { throw Self.openError(path, errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            discardDescriptor()
            throw ShellError(.failure, "\(path) is not a regular file", hint: "give a file name for the recording")
        }
        guard status.st_uid == geteuid(), fchmod(descriptor, 0o600) == 0, ftruncate(descriptor, 0) == 0 else {
            discardDescriptor()
            throw ShellError(
                .failure, "\(path) belongs to another user", hint: "choose a file of your own for the recording")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    }

    private static func openError(_ path: String, _ code: Int32) -> ShellError {
        var link = stat()
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            return ShellError(
                .failure, "\(path) is a symbolic link", hint: "give the file itself, not a link to it")
        }
        if code == EEXIST {
            return ShellError(
                .failure, "\(path) already exists", hint: "choose another name, or add --force to replace it",
                code: "EEXIST")
        }
        if code == ENXIO {
            return ShellError(.failure, "\(path) is not a regular file", hint: "give a file name for the recording")
        }
        return ShellError(
            .failure, "cannot create \(path): \(String(cString: strerror(code)))",
            hint: "check the folder and its permissions")
    }

    private func discardDescriptor() {
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    /// Writes the bytes whole (retrying partial writes and EINTR); false once the file cannot
    /// take more (a full disk), after which the caller stops recording.
    @discardableResult
    public func append(_ text: String) -> Bool {
        guard descriptor >= 0 else { return false }
        return Self.writeAll(Array(text.utf8), to: descriptor) == nil
    }

    /// Replaces the whole file atomically (a temporary file renamed over it); false on failure,
    /// which leaves the file as it was.
    public func replace(with text: String) -> Bool {
        do {
            try StagedFile(target: path, contents: Array(text.utf8), mode: 0o600).commit()
            return true
        } catch {
            return false
        }
    }

    /// Closes and deletes the file: a recording started by a command that then failed.
    public func remove() {
        close()
        unlink(path)
    }

    /// Writes all of `bytes`, retrying partial writes and EINTR; the errno of a failure, or nil.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    public func close() {
        guard descriptor >= 0 else { return }
        discardDescriptor()
    }

    deinit { close() }
}
