/// TAB completion for the command language, driven by the same specs as the parser.
public struct Completer: Sendable {
    public let catalog: CommandCatalog

    public init(catalog: CommandCatalog = .standard) {
        self.catalog = catalog
    }

    /// Candidates for the word that ends at the cursor.
    public func complete(textBeforeCursor text: String, context: any CompletionContext) -> Completion {
        let lexed = Lexer.scan(text)
        let current = lexed.endsInWord ? lexed.words.last : nil
        let prior = Array(lexed.words.dropLast(current == nil ? 0 : 1)).map(\.value)
        let word = current?.raw ?? ""
        let partial = current?.value ?? ""
        if let current, let (head, typed) = Self.openReference(in: current.raw) {
            let names = context.variableNames.filter { $0.hasPrefix(typed) }.map { head + $0 + "}" }
            return Completion(word: word, candidates: names, appendSpace: false)
        }
        let candidates = candidates(prior: prior, partial: partial, context: context)
        let matching = Self.unique(partial.isEmpty ? candidates : candidates.filter { $0.hasPrefix(partial) })
        let quoted = matching.map(ShellQuoting.quote)
        let single = quoted.count == 1 ? quoted[0] : nil
        let open = single.map { $0.hasSuffix("/") || $0.hasSuffix("=") || $0 == "file:" } ?? true
        return Completion(word: word, candidates: quoted, appendSpace: single != nil && !open)
    }

    private func candidates(prior: [String], partial: String, context: any CompletionContext) -> [String] {
        guard let first = prior.first else {
            return preferPrimary(catalog.firstWords, aliases: catalog.firstWordsAndAliases, partial: partial)
        }
        if case .group(let group) = catalog.entry(named: first), prior.count == 1 {
            let specs = catalog.subcommands(of: group)
            return preferPrimary(specs.map { $0.path[1] }, aliases: specs.flatMap(\.aliases), partial: partial)
        }
        guard case .success(let (spec, consumed)) = catalog.resolve(prior) else { return [] }
        let arguments = Array(prior.dropFirst(consumed))
        var given: Set<String> = []
        var positionalCount = 0
        var pending: FlagSpec?
        var flagsEnded = false
        for argument in arguments {
            if let flag = pending {
                given.insert(flag.name)
                pending = nil
                continue
            }
            if flagsEnded || !argument.hasPrefix("-") || argument == "-" {
                positionalCount += 1
            } else if argument == "--" {
                flagsEnded = true
            } else if let flag = flagSpec(in: spec, for: argument) {
                given.insert(flag.name)
                if flag.kind.takesValue, !argument.contains("=") { pending = flag }
            }
        }
        if let flag = pending {
            return values(for: flag.kind, partial: partial, context: context, spec: spec, arguments: [])
        }
        if !flagsEnded, partial.hasPrefix("--"), let equals = partial.firstIndex(of: "=") {
            let name = String(partial[partial.index(partial.startIndex, offsetBy: 2)..<equals])
            guard let flag = spec.flag(named: name) else { return [] }
            let typed = String(partial[partial.index(after: equals)...])
            return values(for: flag.kind, partial: typed, context: context, spec: spec, arguments: [])
                .map { "--\(name)=\($0)" }
        }
        let flagNames = spec.flags.filter { $0.repeatable || !given.contains($0.name) }.map { "--" + $0.name }
        if !flagsEnded, partial.hasPrefix("-") { return flagNames }
        let positionalArguments = arguments.filter { !$0.hasPrefix("-") }
        if let positional = positional(in: spec, at: positionalCount) {
            let offered = values(
                for: positional.kind, partial: partial, context: context, spec: spec, arguments: positionalArguments)
            if !offered.isEmpty || !partial.isEmpty { return offered }
        }
        return partial.isEmpty && !flagsEnded ? flagNames : []
    }

    private func flagSpec(in spec: CommandSpec, for argument: String) -> FlagSpec? {
        if argument.hasPrefix("--") {
            let name = argument.dropFirst(2).prefix { $0 != "=" }
            return spec.flag(named: String(name))
        }
        return argument.count == 2 ? argument.last.flatMap(spec.flag(short:)) : nil
    }

    private func positional(in spec: CommandSpec, at index: Int) -> PositionalSpec? {
        if index < spec.positionals.count { return spec.positionals[index] }
        if let last = spec.positionals.last, last.repeating { return last }
        return nil
    }

    private func values(
        for kind: ValueKind, partial: String, context: any CompletionContext, spec: CommandSpec, arguments: [String]
    ) -> [String] {
        switch kind {
        case .choice(let values): return values
        case .saveTarget:
            guard partial.hasPrefix("file:") else { return kind.choices ?? [] }
            return context.paths(matching: String(partial.dropFirst(5))).map { "file:" + $0 }
        case .path: return context.paths(matching: partial)
        case .tokenReference: return context.tokenIDs
        case .tokenName: return context.tokenNames
        case .registryURL: return context.knownRegistries
        case .tipTopic: return context.tipTopics
        case .configKey: return context.configKeys
        case .assignment: return context.variableNames.map { $0 + "=" }
        case .commandName:
            guard let first = arguments.first else { return catalog.firstWords }
            if case .group(let group) = catalog.entry(named: first), arguments.count == 1 {
                return catalog.subcommands(of: group).map { $0.path[1] }
            }
            return []
        case .none, .string, .integer, .list: return []
        }
    }

    /// Primary names that match; aliases only when no primary name does (`q` → `quit`).
    private func preferPrimary(_ names: [String], aliases: [String], partial: String) -> [String] {
        let primary = names.filter { $0.hasPrefix(partial) }
        return primary.isEmpty ? aliases : primary
    }

    /// For a word ending in an unclosed `${NA`, the text through `${` and the name typed so far.
    private static func openReference(in raw: String) -> (head: String, typed: String)? {
        let chars = Array(raw)
        var index = chars.count - 2
        while index >= 0 {
            if chars[index] == "}" { return nil }
            if chars[index] == "$", chars[index + 1] == "{" {
                let typed = chars[(index + 2)...]
                guard !typed.contains("}") else { return nil }
                return (String(chars[..<(index + 2)]), String(typed))
            }
            index -= 1
        }
        return nil
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
