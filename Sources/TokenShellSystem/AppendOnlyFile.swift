import Glibc
import TokenShellCore

/// A file written line by line as a session goes, such as a terminal recording: each `append`
/// is one `write`, so a session that dies leaves every line written so far whole.
///
/// Created with mode 0600 (a recording names the registries and accounts used); an existing file
/// is refused unless `replacing`, and a symbolic link never followed.
public final class AppendOnlyFile {
    public let path: String
    private var descriptor: Int32

    public init(path: String, replacing: Bool) throws(ShellError) {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (replacing ? O_TRUNC : O_EXCL)
        descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST {
                throw ShellError(
                    .failure, "\(path) already exists", hint: "choose another name, or add --force to replace it",
                    code: "EEXIST")
            }
            throw ShellError(
                .failure, "cannot create \(path): \(String(cString: strerror(code)))",
                hint: code == ELOOP
                    ? "it is a symbolic link: give the file itself" : "check the folder and its permissions")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            _ = Glibc.close(descriptor)
            descriptor = -1
            throw ShellError(.failure, "\(path) is not a regular file", hint: "give a file name for the recording")
        }
        fchmod(descriptor, 0o600)
    }

    /// Writes the bytes whole (retrying partial writes and EINTR); false once the file cannot
    /// take more (a full disk), after which the caller stops recording.
    @discardableResult
    public func append(_ text: String) -> Bool {
        guard descriptor >= 0 else { return false }
        return Self.writeAll(Array(text.utf8), to: descriptor) == nil
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
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    deinit { close() }
}
