import TokenShellCore

/// The properties the fuzz targets check, shared with the regression tests.
///
/// `scripts/fuzz` compiles this file into each libFuzzer target (which traps on a violation);
/// `FuzzRegressionTests` replays every committed corpus and crash input through the same
/// functions, so an input once found stays a test. Each check returns a description of the
/// violation, or nil.
enum FuzzProperties {
    /// The fuzz targets, by the name of their corpus folder.
    static let targets: [String: @Sendable ([UInt8]) -> String?] = [
        "command-line": commandLine,
        "npmrc": npmrc,
        "registry-json": registryJSON,
    ]

    static let variables: @Sendable (String) -> String? = { name in
        name.hasPrefix("UNSET") ? nil : "value of \(name)"
    }

    /// The lexer and parser never crash; a command that parses renders to a canonical line that
    /// parses back to the same command; any word quoted by `ShellQuoting` lexes back to itself.
    static func commandLine(_ bytes: [UInt8]) -> String? {
        let line = String(decoding: bytes, as: UTF8.self)
        _ = Lexer.scan(line)
        // Known issue (FuzzRegressionTests.quoteBeforeACombiningMark): the lexer scans Characters,
        // so a quote followed by a combining mark is one grapheme and the quote is not seen.
        if let word = line.split(separator: "\n").first.map(String.init), !word.isEmpty,
            word.unicodeScalars.first.map({ !isCombiningMark($0) }) ?? true
        {
            let quoted = ShellQuoting.quote(word)
            let words = try? Lexer.words(in: quoted, variables: variables)
            if words?.map(\.value) != [word] {
                return "quote(\(debug(word))) = \(debug(quoted)) lexes to \(String(describing: words?.map(\.value)))"
            }
        }
        let parser = CommandParser()
        guard let command = try? parser.parse(line, variables: variables) else { return nil }
        let canonical = CanonicalLine.render(command)
        let again: ParsedCommand?
        do {
            again = try parser.parse(canonical, variables: variables)
        } catch {
            return "\(debug(line)) renders as \(debug(canonical)), which does not parse: \(error.message)"
        }
        guard let again, again.spec.path == command.spec.path, again.flags == command.flags,
            again.positionals == command.positionals
        else {
            return "\(debug(line)) renders as \(debug(canonical)), which parses to another command"
        }
        return nil
    }

    /// Parse then render gives back the input byte for byte; setting a key then reading the
    /// rendered text back yields the value set, and every line that did not define it survives.
    static func npmrc(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        var document = NpmrcDocument(parsing: text)
        let rendered = document.render()
        if rendered != text || Array(rendered.utf8) != Array(text.utf8) {
            return "render(parse(\(debug(text)))) = \(debug(rendered))"
        }
        let value = "fuzz value ; # \\ = \"q\" 'q'"
        document.set("fuzz-key", to: value)
        let edited = document.render()
        let reread = NpmrcDocument(parsing: edited)
        if reread.value(forKey: "fuzz-key") != value {
            return
                "after set, \(debug(edited)) reads fuzz-key as \(String(describing: reread.value(forKey: "fuzz-key")))"
        }
        // Lines split on scalars, at \n and \r as npm's ini does (Swift's Character "\r\n" is one grapheme).
        var missing = text.unicodeScalars.split { $0 == "\n" || $0 == "\r" }.map {
            String(String.UnicodeScalarView($0))
        }.filter {
            !$0.contains("fuzz-key") && !$0.allSatisfy(\.isWhitespace)
        }
        let editedBytes = Array(edited.utf8)
        missing.removeAll { editedBytes.firstRange(of: Array($0.utf8)) != nil }
        if let lost = missing.first { return "setting fuzz-key in \(debug(text)) lost the line \(debug(lost))" }
        return nil
    }

    /// The JSON reader never crashes; what it reads, written back and read again, is the same
    /// value; the token decoder accepts or rejects it without crashing.
    static func registryJSON(_ bytes: [UInt8]) -> String? {
        guard let value = RegistryJSON.parse(bytes) else { return nil }
        _ = RegistryToken(json: value)
        if case .array(let items) = value { _ = items.compactMap(RegistryToken.init(json:)) }
        if let objects = value["objects"], case .array(let items) = objects {
            _ = items.compactMap(RegistryToken.init(json:))
        }
        guard let again = RegistryJSON.parse(value.bytes) else {
            return "\(debug(bytes)) parsed, but its rendering \(debug(value.bytes)) does not"
        }
        if again != value { return "\(debug(bytes)) changed on a round trip: \(debug(value.bytes))" }
        return nil
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: scalar.properties.isGraphemeExtend
        }
    }

    private static func debug(_ text: String) -> String {
        String(reflecting: text.count > 300 ? String(text.prefix(300)) + "…" : text)
    }

    private static func debug(_ bytes: [UInt8]) -> String {
        debug(String(decoding: bytes, as: UTF8.self))
    }
}
