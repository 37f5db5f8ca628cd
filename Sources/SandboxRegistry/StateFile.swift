import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `--state FILE`: JSON written atomically (temporary file in the same folder, fsync, rename).
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
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw SandboxConfigurationError("cannot write \(temporary): errno \(errno)") }
        let written = data.withUnsafeBytes { buffer in write(descriptor, buffer.baseAddress, buffer.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SandboxConfigurationError("cannot save the state to \(path): errno \(errno)")
        }
    }
}
