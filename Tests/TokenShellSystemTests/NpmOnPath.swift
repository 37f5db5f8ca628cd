import Foundation

/// The npm CLI these tests drive: the first `npm` on PATH (scripts/test puts one it checked
/// there), with the `node` beside it on PATH. Without one the tests are skipped on a developer's
/// machine, but fail in CI (`CI` set), where a missing npm would otherwise pass unnoticed.
enum NpmOnPath {
    static let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"

    /// The npm executable on PATH, or nil.
    static let npm: String? = find("npm")
    /// The node executable on PATH, or nil.
    static let node: String? = find("node")

    /// Whether the npm tests run: npm is there, or CI must see them fail without it.
    static var shouldRun: Bool {
        npm != nil || ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } == true
    }

    /// npm's own package folder (the one holding `bin/npm-cli.js`), whose `node_modules` has `ini`.
    static var packageFolder: String? {
        guard let npm else { return nil }
        let script = URL(fileURLWithPath: npm).resolvingSymlinksInPath()
        return script.deletingLastPathComponent().deletingLastPathComponent().path
    }

    private static func find(_ name: String) -> String? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
