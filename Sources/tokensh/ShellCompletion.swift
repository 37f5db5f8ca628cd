import TokenShellCore
import TokenShellTerminal

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// TAB completion from what the shell already knows: never a network call.
struct ShellCompletionContext: CompletionContext {
    let shell: Shell

    var tokenIDs: [String] { shell.session.lastTokenIDs }
    var tokenNames: [String] { shell.session.lastTokens.compactMap(\.name) }
    var variableNames: [String] { shell.session.variables.values.keys.sorted() }
    var tipTopics: [String] { TipTopic.names }

    var knownRegistries: [String] {
        guard let config = try? shell.quietConfig() else { return [] }
        var registries = [config.registry, NpmConfig.defaultRegistry]
        for entry in config.list() where entry.key.hasSuffix(":registry") {
            registries.append(entry.displayValue)
        }
        var seen = Set<String>()
        return registries.filter { seen.insert($0).inserted }
    }

    var configKeys: [String] {
        ((try? shell.quietConfig().list().map(\.key)) ?? []) + ["registry", "userconfig", "fetch-timeout", "cafile"]
    }

    func paths(matching prefix: String) -> [String] {
        let home = shell.services.environment["HOME"] ?? "/"
        let usesTilde = prefix.hasPrefix("~/")
        let expanded = usesTilde ? home + prefix.dropFirst() : prefix
        var directory = ""
        var partial = expanded
        if let slash = expanded.lastIndex(of: "/") {
            directory = String(expanded[...slash])
            partial = String(expanded[expanded.index(after: slash)...])
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        return names.filter { $0.hasPrefix(partial) && (!$0.hasPrefix(".") || partial.hasPrefix(".")) }.sorted().map {
            name in
            var info = stat()
            let isDirectory = stat(directory + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            let path = directory + name + (isDirectory ? "/" : "")
            return usesTilde ? "~" + path.dropFirst(home.count) : path
        }
    }

    static func provider(for shell: Shell) -> CompletionProvider {
        let completer = Completer()
        return { text in
            let completion = completer.complete(textBeforeCursor: text, context: ShellCompletionContext(shell: shell))
            return CompletionSuggestions(
                word: completion.word, candidates: completion.candidates, appendSpace: completion.appendSpace)
        }
    }
}
