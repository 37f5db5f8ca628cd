import TokenShellCore
import TokenShellSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `$XDG_STATE_HOME/tokensh/registry-kinds.json`: what token creation has shown about each
/// registry's token kind, written atomically with mode 0600 (it names the registries used).
final class LocalRegistryKindStore: RegistryKindStore {
    private let paths: TokenShellPaths

    init(paths: TokenShellPaths) { self.paths = paths }

    var file: String { paths.stateDirectory + "/registry-kinds.json" }

    func readKinds() -> String? {
        // Read as config files are; anything unreadable counts as nothing learnt.
        (try? LocalFileSystem().contents(atPath: file)) ?? nil
    }

    func writeKinds(_ text: String) throws(ShellError) {
        do {
            try PrivateFolder.make(paths.stateDirectory)
            _ = try AtomicFileWriter(options: .userConfig).update(path: file) { _ in Array(text.utf8) }
        } catch {
            throw ShellError(
                .failure, "could not save what tokensh learnt in \(file): \(error)",
                hint: "check that the folder is writable")
        }
    }
}
