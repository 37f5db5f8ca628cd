/// The answer to "Run it? [Y/n/skip]": run the step, skip it, or stop the guide for now.
public enum GuideConsent: Sendable, Equatable {
    case run
    case skip
    case stop

    /// The choices TAB completes.
    public static let choices = ["yes", "no", "skip", "stop"]

    /// Reads an answer; empty means the default (run). `nil` for an answer it does not know,
    /// so the guide can ask again instead of guessing.
    public init?(answer: String) {
        switch answer.lowercased().trimmingWhitespace() {
        case "", "y", "yes": self = .run
        case "n", "no", "s", "skip": self = .skip
        case "q", "quit", "stop": self = .stop
        default: return nil
        }
    }
}

/// What to do after a step failed: try it again, skip it, or stop the guide for now.
public enum GuideRecovery: Sendable, Equatable {
    case retry
    case skip
    case stop

    public static let choices = ["retry", "skip", "stop"]

    public init?(answer: String) {
        switch answer.lowercased().trimmingWhitespace() {
        case "", "r", "retry", "y", "yes": self = .retry
        case "s", "skip", "n", "no": self = .skip
        case "q", "quit", "stop": self = .stop
        default: return nil
        }
    }
}
