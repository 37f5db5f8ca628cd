import TokenShellCore

/// What the echo-off prompt produced.
public enum SecretInput: Sendable, Equatable {
    /// The typed line, without its newline (possibly empty: the caller decides if that is allowed).
    case entered(Secret)
    /// Ctrl-C: the caller cancels what it was doing.
    case interrupted
    /// Ctrl-D on an empty line or stdin closed.
    case endOfFile
}

/// Why the terminal could not be used.
public enum TerminalError: Error, Sendable, Equatable {
    /// stdin is not a terminal, so a secret cannot be typed unseen; supply it from the environment.
    case notATerminal
    /// A terminal call failed (errno text).
    case io(String)

    public var message: String {
        switch self {
        case .notATerminal: "stdin is not a terminal, so a secret cannot be asked for"
        case .io(let detail): "terminal error: \(detail)"
        }
    }
}
