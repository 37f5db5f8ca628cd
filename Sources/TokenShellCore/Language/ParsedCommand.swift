/// A command line that parsed: its spec, typed values, and the words as typed.
///
/// Commands read typed values from it; a wizard fills in what the user answered with
/// `setFlag`, and the canonical line is rendered from the result for the recorder.
public struct ParsedCommand: Sendable, Equatable {
    public let spec: CommandSpec
    /// Values by long flag name; a flag that was not given is absent.
    public private(set) var flags: [String: FlagValue]
    /// Positional values, expanded.
    public private(set) var positionals: [String]
    /// The line's words as typed (empty for a command built by code).
    public let words: [Word]
    /// The value words of each flag as typed, kept so `${NAME}` survives into recorded lines.
    var flagTemplates: [String: [WordTemplate]]
    var positionalTemplates: [WordTemplate]

    /// A command built by code rather than typed, e.g. by the guide.
    public init(spec: CommandSpec, flags: [String: FlagValue] = [:], positionals: [String] = []) {
        self.init(
            spec: spec, flags: flags, positionals: positionals, words: [], flagTemplates: [:],
            positionalTemplates: [])
    }

    init(
        spec: CommandSpec, flags: [String: FlagValue], positionals: [String], words: [Word],
        flagTemplates: [String: [WordTemplate]], positionalTemplates: [WordTemplate]
    ) {
        self.spec = spec
        self.flags = flags
        self.positionals = positionals
        self.words = words
        self.flagTemplates = flagTemplates
        self.positionalTemplates = positionalTemplates
    }

    /// Whether a switch is on, or a valued flag was given at all.
    public func has(_ name: String) -> Bool {
        switch flags[name] {
        case .bool(let on): on
        case .some: true
        case nil: false
        }
    }

    /// A text-like flag's value (also a choice, path, URL or save target).
    public func string(_ name: String) -> String? {
        if case .string(let value) = flags[name] { value } else { nil }
    }

    public func integer(_ name: String) -> Int? {
        if case .integer(let value) = flags[name] { value } else { nil }
    }

    /// A list flag's items, empty when not given.
    public func list(_ name: String) -> [String] {
        if case .list(let value) = flags[name] { value } else { [] }
    }

    /// Sets or, with nil, removes a flag, as a wizard does with an answer.
    ///
    /// The value is checked against the spec like a typed one, so the canonical line always
    /// parses back to the same command.
    public mutating func setFlag(_ name: String, _ value: FlagValue?) throws(ShellError) {
        guard let flag = spec.flag(named: name) else {
            throw ShellError(.failure, "`\(spec.name)` has no flag --\(name)")
        }
        flagTemplates[name] = nil
        guard let value else {
            flags[name] = nil
            return
        }
        let checked: FlagValue
        switch (flag.kind, value) {
        case (.none, .bool), (.list, .list), (.integer, .integer): checked = value
        case (_, .string(let text)) where flag.kind.takesValue && flag.kind != .list:
            checked = try ValueValidator.value(text, kind: flag.kind, label: "--\(name)")
        default:
            throw ShellError(.failure, "--\(name) cannot take the value \(Self.describe(value))")
        }
        if case .integer(let number) = checked, case .integer(let range, let unit) = flag.kind, !range.contains(number)
        {
            throw ValueValidator.outOfRange(number, range: range, unit: unit, label: "--\(name)")
        }
        flags[name] = checked
    }

    /// Replaces the positionals, as a wizard does when it asked for them.
    public mutating func setPositionals(_ values: [String]) {
        positionals = values
        positionalTemplates = []
    }

    private static func describe(_ value: FlagValue) -> String {
        switch value {
        case .bool(let on): "\(on)"
        case .string: "text"
        case .integer(let number): "\(number)"
        case .list: "a list"
        }
    }
}
