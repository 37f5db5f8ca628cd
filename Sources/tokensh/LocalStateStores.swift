import Glibc
import TokenShellCore
import TokenShellSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A small text file of what tokensh learnt, in `$XDG_STATE_HOME/tokensh/`: written atomically
/// with mode 0600 (it names the registries and scripts used).
struct StateTextFile {
    let paths: TokenShellPaths
    let name: String

    var path: String { paths.stateDirectory + "/" + name }

    func read() -> String? {
        // Read as config files are; anything unreadable counts as nothing learnt.
        (try? LocalFileSystem().contents(atPath: path)) ?? nil
    }

    func write(_ text: String) throws(ShellError) {
        try update { _ in text }
    }

    /// Read-modify-write under the lock; `change` returns nil to leave the file alone.
    func update(_ change: (String?) -> String?) throws(ShellError) {
        do {
            try PrivateFolder.make(paths.stateDirectory)
            _ = try AtomicFileWriter(options: .userConfig).update(path: path) { bytes in
                change(bytes.map { String(decoding: $0, as: UTF8.self) }).map { Array($0.utf8) }
            }
        } catch {
            throw ShellError(
                .failure, "could not save what tokensh learnt in \(path): \(error)",
                hint: "check that the folder is writable")
        }
    }
}

/// `registry-kinds.json`: what token creation has shown about each registry's token kind.
final class LocalRegistryKindStore: RegistryKindStore {
    private let file: StateTextFile

    init(paths: TokenShellPaths) { self.file = StateTextFile(paths: paths, name: "registry-kinds.json") }

    func readKinds() -> String? { file.read() }
    func writeKinds(_ text: String) throws(ShellError) { try file.write(text) }
}

/// `replay-progress`: where `--step` replays stopped, by the script's absolute path.
final class LocalReplayProgressStore: ReplayProgressStore {
    private let file: StateTextFile

    init(paths: TokenShellPaths) { self.file = StateTextFile(paths: paths, name: "replay-progress") }

    func readProgress() -> String? { file.read() }
    func updateProgress(_ change: (String?) -> String?) throws(ShellError) { try file.update(change) }

    func key(forScript path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// `accounts.json`: which keyring account each registry uses (`account use`), names only.
final class LocalAccountSelectionStore: AccountSelectionStore {
    private let file: StateTextFile

    init(paths: TokenShellPaths) { self.file = StateTextFile(paths: paths, name: "accounts.json") }

    func selected(registry: String) -> String? { AccountSelectionText.parse(file.read())[registry] }

    /// Read, change and write under the file's lock: two `account use` at once both count.
    func select(_ name: String?, registry: String) throws(ShellError) {
        try file.update { text in
            var selection = AccountSelectionText.parse(text)
            guard selection[registry] != name else { return nil }
            selection[registry] = name
            return AccountSelectionText.render(selection)
        }
    }
}
