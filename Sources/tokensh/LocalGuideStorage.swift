import Synchronization
import TokenShellCore
import TokenShellSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The guide's files and practice registry on this machine: progress under the XDG state
/// folder, a `tokensh-sandbox` child on request.
final class LocalGuideStorage: GuideStorage {
    private let paths: TokenShellPaths
    private let home: String
    private let userconfigGiven: Bool
    /// The practice registry started from the guide, stopped when the shell ends.
    private let practice = Mutex<PracticeSandbox?>(nil)

    init(paths: TokenShellPaths, home: String, userconfigGiven: Bool) {
        self.paths = paths
        self.home = home
        self.userconfigGiven = userconfigGiven
    }

    deinit {
        practice.withLock { $0?.stop() }
    }

    var progressFile: String { paths.stateDirectory + "/guide.json" }

    /// The throw-away user config of a practice registry the guide started, when no
    /// `--userconfig` was given: the shell's config is read through it from then on.
    var practiceUserconfig: String? {
        guard !userconfigGiven else { return nil }
        return practice.withLock { $0?.userconfig }
    }

    func readProgress() -> String? {
        guard let data = FileManager.default.contents(atPath: progressFile) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func writeProgress(_ text: String?) throws(ShellError) {
        guard let text else {
            try? FileManager.default.removeItem(atPath: progressFile)
            return
        }
        do {
            try PrivateFolder.make(paths.stateDirectory)
            _ = try AtomicFileWriter(options: .userConfig).update(path: progressFile) { _ in Array(text.utf8) }
        } catch {
            throw ShellError(
                .failure,
                "could not save the guide's progress in \(progressFile): \(Shell.shellError(from: error).message)",
                hint: "check that the folder is writable")
        }
    }

    func startPracticeRegistry() throws(ShellError) -> PracticeRegistry {
        do {
            let started = try practice.withLock { current in
                if let current { return current }
                let sandbox = try PracticeSandbox.start(userconfig: nil)
                current = sandbox
                return sandbox
            }
            return PracticeRegistry(
                url: started.registry, username: PracticeSandbox.practiceUser,
                password: PracticeSandbox.practicePassword)
        } catch {
            throw ShellError(
                .failure, "could not start the practice registry: \(Shell.shellError(from: error).message)",
                hint: "check that tokensh-sandbox is installed next to tokensh, or run `tokensh --sandbox`")
        }
    }
}
