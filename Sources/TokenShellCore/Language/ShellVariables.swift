/// The variables `${NAME}` can refer to: the shell's own (`set`), then the environment.
///
/// The environment comes in as a value so the core stays free of process state; variables set
/// in the shell win, so a script can pin a value whatever the machine exports.
public struct ShellVariables: Sendable, Equatable {
    /// Variables set with `set NAME=VALUE`, by name.
    public private(set) var values: [String: String]
    /// The process environment at start-up.
    public var environment: [String: String]

    public init(values: [String: String] = [:], environment: [String: String] = [:]) {
        self.values = values
        self.environment = environment
    }

    /// The value of `${name}`, or nil when it is undefined (an error for the lexer).
    public func lookup(_ name: String) -> String? {
        values[name] ?? environment[name]
    }

    /// Applies `set NAME=VALUE`; the parser has already checked the shape.
    public mutating func assign(_ assignment: String) throws(ShellError) {
        guard let equals = assignment.firstIndex(of: "="), Lexer.isVariableName(String(assignment[..<equals])) else {
            throw ShellError(.usage, "`set` takes NAME=VALUE", hint: "e.g. `set SCOPE=@acme`")
        }
        values[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
    }

    /// `NAME=VALUE` lines of the shell's variables, sorted, values quoted as the lexer reads them.
    public var listing: [String] {
        values.keys.sorted().map { name in "\(name)=\(ShellQuoting.quote(values[name] ?? ""))" }
    }
}
