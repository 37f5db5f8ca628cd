/// A flag's value after parsing and validation, typed by its `ValueKind`.
public enum FlagValue: Sendable, Equatable {
    /// A switch; `false` only when written `--flag=false`.
    case bool(Bool)
    /// Text, paths, URLs, token references, choices and save targets.
    case string(String)
    case integer(Int)
    /// A list flag's items after npm's comma split.
    case list([String])
}
