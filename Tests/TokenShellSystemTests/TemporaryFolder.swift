import Foundation

@testable import TokenShellSystem

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("tokensh-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    func write(_ name: String, _ text: String, mode: Int = 0o600) throws {
        try text.write(toFile: file(name), atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file(name))
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: file(name), encoding: .utf8)
    }

    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file(name))
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// A private lock folder next to (not inside) this one, so listings of the folder stay exact.
    var lockFolder: String { path + "-locks" }

    /// A writer that keeps its lock files in ``lockFolder``, not in the real user's state folder.
    func writer(_ options: AtomicFileWriter.Options = .userConfig) -> AtomicFileWriter {
        AtomicFileWriter(options: options, locking: ConfigLockSettings(folder: lockFolder))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: lockFolder)
    }
}
