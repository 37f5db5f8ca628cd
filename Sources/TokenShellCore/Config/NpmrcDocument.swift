/// An `.npmrc` file that keeps every byte: comments, blank lines, sections, CRLF or LF line
/// ends, a missing final newline, and bytes that are not UTF-8 (a Latin-1 `é`, a broken
/// sequence).
///
/// npm itself rewrites the whole file from a parsed object and drops comments; tokensh edits in
/// place so that a login changes one line and leaves the rest of a hand-kept file alone.
/// Each line keeps the bytes it was read from until an edit changes it, so rendering returns
/// the input byte for byte except for the lines that edits touched (decoding the whole file to
/// a `String` first would turn every invalid byte into U+FFFD on the next save).
public struct NpmrcDocument: Sendable, Equatable {
    struct Line: Sendable, Equatable {
        /// The line decoded as UTF-8 (invalid bytes read as U+FFFD), for parsing and editing.
        var text: String {
            didSet { original = nil }
        }
        /// `"\n"`, `"\r\n"`, `"\r"`, or `""` for a last line without one.
        var terminator: String
        /// The bytes the line was read from, until an edit replaces `text`.
        var original: [UInt8]?

        init(text: String, terminator: String, original: [UInt8]? = nil) {
            self.text = text
            self.terminator = terminator
            self.original = original
        }

        var bytes: [UInt8] { (original ?? Array(text.utf8)) + Array(terminator.utf8) }
    }

    enum LineKind: Equatable {
        case ignorable
        case section(String)
        case entry(key: String, isArray: Bool, value: String, rawValue: String?)
    }

    private(set) var lines: [Line]

    /// Parses file contents; never fails, since `ini` skips what it cannot read.
    public init(parsing text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Parses a file's bytes, splitting at LF, CRLF and CR (ASCII bytes, so the split is the same
    /// whatever the encoding of the rest).
    public init(bytes: [UInt8]) {
        var lines: [Line] = []
        var start = 0
        var index = 0
        func take(_ end: Int, _ terminator: String) {
            let raw = Array(bytes[start..<end])
            lines.append(Line(text: String(decoding: raw, as: UTF8.self), terminator: terminator, original: raw))
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                take(index, "\n")
                index += 1
                start = index
            } else if byte == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    take(index, "\r\n")
                    index += 2
                } else {
                    take(index, "\r")
                    index += 1
                }
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count {
            take(bytes.count, "")
        }
        self.lines = lines
    }

    /// The file contents as text (invalid bytes as U+FFFD); write ``bytes`` instead.
    public func render() -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The file contents: byte for byte the input, except for the lines that edits touched.
    public var bytes: [UInt8] {
        lines.flatMap(\.bytes)
    }

    /// Every `key=value` line, in file order, including those inside `[sections]`.
    public var entries: [NpmrcEntry] {
        var result: [NpmrcEntry] = []
        var section: String?
        for (index, line) in lines.enumerated() {
            switch Self.classify(line.text) {
            case .ignorable:
                continue
            case .section(let name):
                section = name
            case .entry(let key, let isArray, let value, let rawValue):
                result.append(
                    NpmrcEntry(
                        key: key, value: value, rawValue: rawValue, section: section, isArray: isArray,
                        line: index + 1))
            }
        }
        return result
    }

    /// The global (section-less) keys with the value npm ends up with: the last line wins,
    /// array elements are joined with a blank line as npm's list types are.
    public var globalValues: [(key: String, value: String, rawValue: String?)] {
        var order: [String] = []
        var scalars: [String: (value: String, rawValue: String?)] = [:]
        var arrays: [String: [String]] = [:]
        for entry in entries where entry.section == nil {
            if scalars[entry.key] == nil && arrays[entry.key] == nil {
                order.append(entry.key)
            }
            if let elements = arrays[entry.key] {
                arrays[entry.key] = elements + [entry.value]
            } else if entry.isArray {
                arrays[entry.key] = (scalars[entry.key].map { [$0.value] } ?? []) + [entry.value]
                scalars[entry.key] = nil
            } else {
                scalars[entry.key] = (entry.value, entry.rawValue)
            }
        }
        return order.compactMap { key in
            if let elements = arrays[key] {
                return (key, elements.joined(separator: "\n\n"), nil)
            }
            return scalars[key].map { (key, $0.value, $0.rawValue) }
        }
    }

    /// The decoded value npm reads for a global key, or `nil` when it is not set.
    public func value(forKey key: String) -> String? {
        globalValues.last { $0.key == key }?.value
    }

    /// Whether any key is set (outside or inside sections); npm deletes a file without any.
    public var hasEntries: Bool { !entries.isEmpty }

    /// Sets a global key: replaces the value on the last line that defines it (keeping the
    /// key's spelling, spacing and an inline comment), else appends `key=value` at the end of
    /// the global part. Encodes as npm does, so npm reads back exactly `value`.
    public mutating func set(_ key: String, to value: String) {
        let encoded = IniCodec.encode(value)
        let arrayLines = globalLineIndices(definingKey: key, arrays: true).subtracting(
            globalLineIndices(definingKey: key, arrays: false))
        removeLines(at: arrayLines)
        if let index = globalLineIndices(definingKey: key, arrays: false).max() {
            lines[index].text = Self.replacingValue(in: lines[index].text, with: encoded)
            return
        }
        insertGlobalLine(IniCodec.encode(key) + "=" + encoded)
    }

    /// Sets a global key like ``set(_:to:)`` and removes every other line that defines it, so the
    /// key is left on exactly one line. For credentials: npm reads only the last line, but an
    /// older token on an earlier line is still a secret in the file, and a later edit could make
    /// it live again.
    public mutating func setOnly(_ key: String, to value: String) {
        let indices = globalLineIndices(definingKey: key, arrays: true)
        if let kept = globalLineIndices(definingKey: key, arrays: false).max() {
            removeLines(at: indices.subtracting([kept]))
        }
        set(key, to: value)
    }

    /// Removes every global line that defines `key` (duplicates too, or an older one would take
    /// effect). Returns whether anything was removed.
    @discardableResult
    public mutating func remove(_ key: String) -> Bool {
        let indices = globalLineIndices(definingKey: key, arrays: true)
        removeLines(at: indices)
        return !indices.isEmpty
    }

    // MARK: - Line handling

    static func classify(_ text: String) -> LineKind {
        let trimmedStart = text.unicodeScalars.drop(while: IniCodec.isJSSpace)
        guard let first = trimmedStart.first, first != ";", first != "#" else { return .ignorable }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]"),
            text[text.index(after: close)...].unicodeScalars.allSatisfy(IniCodec.isJSSpace)
        {
            return .section(IniCodec.decode(text[text.index(after: text.startIndex)..<close]))
        }
        if text.hasPrefix("=") {
            return .ignorable
        }
        let keyPart: Substring
        var rawValue: String?
        if let equals = text.firstIndex(of: "=") {
            keyPart = text[..<equals]
            rawValue = String(text[text.index(after: equals)...])
        } else {
            keyPart = text[...]
        }
        var key = IniCodec.decode(keyPart)
        let isArray = key.unicodeScalars.count > 2 && key.hasSuffix("[]")
        if isArray {
            key = String(key.dropLast(2))
        }
        if key == "__proto__" {
            return .ignorable
        }
        let value = rawValue.map { IniCodec.decode($0) } ?? "true"
        return .entry(key: key, isArray: isArray, value: value, rawValue: rawValue)
    }

    private func globalLineIndices(definingKey key: String, arrays: Bool) -> Set<Int> {
        var result: Set<Int> = []
        for (index, line) in lines.enumerated() {
            switch Self.classify(line.text) {
            case .section:
                return result
            case .entry(let lineKey, let isArray, _, _) where lineKey == key && (arrays || !isArray):
                result.insert(index)
            default:
                continue
            }
        }
        return result
    }

    private mutating func removeLines(at indices: Set<Int>) {
        guard !indices.isEmpty else { return }
        let lastIndex = lines.count - 1
        if indices.contains(lastIndex), lines[lastIndex].terminator.isEmpty {
            // Keep the file's choice of no final newline when its last line goes.
            if let keptBefore = (0..<lastIndex).last(where: { !indices.contains($0) }) {
                lines[keptBefore].terminator = ""
            }
        }
        lines = lines.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
    }

    private var lineEnding: String {
        lines.first { !$0.terminator.isEmpty }?.terminator ?? "\n"
    }

    private mutating func insertGlobalLine(_ text: String) {
        let ending = lineEnding
        var sectionStart: Int?
        var lastEntry: Int?
        for (index, line) in lines.enumerated() {
            switch Self.classify(line.text) {
            case .section:
                sectionStart = index
            case .entry:
                lastEntry = index
            case .ignorable:
                continue
            }
            if sectionStart != nil { break }
        }
        var position: Int
        if let lastEntry {
            position = lastEntry + 1
        } else if let sectionStart {
            // Before the comments that introduce the first section and the blank lines above them.
            position = sectionStart
            let snapshot = lines
            let isBlank = { (index: Int) in snapshot[index].text.unicodeScalars.allSatisfy(IniCodec.isJSSpace) }
            while position > 0, !isBlank(position - 1), Self.classify(lines[position - 1].text) == .ignorable {
                position -= 1
            }
            while position > 0, isBlank(position - 1) {
                position -= 1
            }
        } else {
            position = lines.count
        }
        if position > 0, lines[position - 1].terminator.isEmpty {
            lines[position - 1].terminator = ending
        }
        lines.insert(Line(text: text, terminator: ending), at: position)
    }

    /// The line with a new encoded value after its first `=`; spacing and an inline comment
    /// stay, unless the new value is quoted (a comment after a quoted value would join it).
    static func replacingValue(in text: String, with encoded: String) -> String {
        guard let equals = text.firstIndex(of: "=") else {
            return text + "=" + encoded
        }
        let head = text[...equals]
        let raw = text[text.index(after: equals)...]
        let leading = raw.prefix { $0 == " " || $0 == "\t" }
        let body = raw.dropFirst(leading.count)
        var suffix = ""
        if !encoded.hasPrefix("\""), let comment = IniCodec.commentStart(in: body) {
            let valuePart = body[..<comment]
            let trailing = valuePart.reversed().prefix { $0 == " " || $0 == "\t" }
            suffix = String(body[valuePart.index(valuePart.endIndex, offsetBy: -trailing.count)...])
            if encoded.hasSuffix("\\"), suffix.first == ";" || suffix.first == "#" {
                // A trailing backslash would escape the comment character into the value.
                suffix = " " + suffix
            }
        }
        return head + leading + encoded + suffix
    }
}
