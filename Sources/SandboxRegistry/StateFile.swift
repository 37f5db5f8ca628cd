import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `--state FILE`: JSON written atomically (temporary file in the same folder, fsync, rename).
///
/// The temporary file is always a new file of our own (`O_CREAT|O_EXCL|O_NOFOLLOW`, mode 0600,
/// random name): in a folder others can write to, a planted file or symlink at a guessable
/// name would otherwise receive the accounts and tokens, or be renamed into place.
struct StateFile: Sendable {
    var path: String

    init(path: String) { self.path = path }

    /// The saved state, or `nil` when the file does not exist yet.
    func load() throws -> SandboxState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(SandboxState.self, from: data)
        } catch {
            throw SandboxConfigurationError("--state \(path) is not a sandbox state file: \(error)")
        }
    }

    func save(_ state: SandboxState) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(state)
        let (descriptor, temporary) = try Self.createTemporary(beside: path)
        let written = data.withUnsafeBytes { buffer in write(descriptor, buffer.baseAddress, buffer.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SandboxConfigurationError("cannot save the state to \(path): errno \(errno)")
        }
    }

    /// Creates `.NAME.tmp-PID-RANDOM` next to `path`, never opening anything that exists.
    static func createTemporary(beside path: String) throws -> (descriptor: Int32, path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        for _ in 0..<8 {
            let temporary =
                folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 { return (descriptor, temporary) }
            guard errno == EEXIST else { throw SandboxConfigurationError("cannot write \(temporary): errno \(errno)") }
        }
        throw SandboxConfigurationError("cannot create a temporary file next to \(path)")
    }
}
