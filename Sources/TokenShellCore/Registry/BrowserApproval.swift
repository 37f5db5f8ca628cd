#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Waiting for a person to approve something in a browser (a web login, a web one-time
/// password): when to poll the registry's `doneUrl`, how long to pause in between, and when to
/// give up.
///
/// A pure state machine: the caller reports what happened, with the time its clock shows, and
/// carries out the action it gets back. Web login and web OTP share it, so neither can wait
/// forever on a registry that answers 202 for ever; tests drive it with a fake clock.
public struct BrowserApproval: Sendable {
    /// How long a person gets to approve, unless the shell is told otherwise.
    public static let defaultLimit = 600.0

    public enum Action: Sendable, Equatable {
        /// Ask the registry once (`GET doneUrl`), then report `.polled`.
        case poll
        /// Pause this many seconds (Ctrl-C may end the pause early), then report `.waited`.
        case wait(seconds: Double)
        /// Approved: the token the registry sent (for web OTP, the one-time password).
        case done(Secret)
        /// Stop waiting.
        case giveUp(Ending)
    }

    /// Why the wait ended without an approval.
    public enum Ending: Sendable, Equatable {
        /// Nobody approved within `limit` seconds.
        case deadline
        /// The person pressed Ctrl-C.
        case interrupted
        /// The registry ended the flow (a 4xx or 500: npm's `ENYI`).
        case unsupported
    }

    public enum Event: Sendable, Equatable {
        case polled(WebLoginPoll)
        case waited(interrupted: Bool)
    }

    /// Seconds from the start to the last poll.
    public let limit: Double
    public let deadline: Date

    public init(limit: Double = defaultLimit, startedAt start: Date) {
        self.limit = limit
        self.deadline = start.addingTimeInterval(limit)
    }

    /// The first thing to do: ask at once (an approval may already be there).
    public var first: Action { .poll }

    /// What to do after `event`, which happened at `now`.
    ///
    /// A pause never runs past the deadline, and the deadline is followed by one last poll, so
    /// an approval given in the last second still counts.
    public func next(after event: Event, at now: Date) -> Action {
        switch event {
        case .polled(.done(let token)):
            return .done(token)
        case .polled(.unsupported):
            return .giveUp(.unsupported)
        case .polled(.pending(let retryAfter)):
            let remaining = deadline.timeIntervalSince(now)
            guard remaining > 0 else { return .giveUp(.deadline) }
            return .wait(seconds: min(WebLoginPoll.nextDelay(retryAfter: retryAfter), remaining))
        case .waited(interrupted: true):
            return .giveUp(.interrupted)
        case .waited(interrupted: false):
            return .poll
        }
    }

    /// The limit as people say it: "10 minutes", "1 minute", "45 seconds".
    public static func describe(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 60, whole % 60 == 0 { return whole == 60 ? "1 minute" : "\(whole / 60) minutes" }
        return whole == 1 ? "1 second" : "\(whole) seconds"
    }
}
