/// When the client repeats a request, and how long it waits first.
///
/// Only GET is ever repeated (a repeated POST could create a second token); 500, 502, 503 and
/// 504 back off exponentially, 429 waits for the registry's `Retry-After` up to a cap, and a
/// dropped connection (a transport error other than refused, timed out, TLS or interrupt) is
/// retried like a 503. npm waits 10 s to 60 s; an interactive shell prefers shorter waits.
public struct RetryPolicy: Sendable, Equatable {
    /// Repeats after the first attempt.
    public var maxRetries: Int
    /// The first backoff, doubled on each further attempt.
    public var baseDelay: Double
    /// The longest backoff.
    public var maxDelay: Double
    /// The longest `Retry-After` honoured; a longer one is cut to this.
    public var maxRetryAfter: Double

    public init(maxRetries: Int = 2, baseDelay: Double = 1, maxDelay: Double = 8, maxRetryAfter: Double = 30) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Never repeat anything (tests, `--fetch-retries=0` style runs).
    public static let none = RetryPolicy(maxRetries: 0)

    /// What came back from one attempt.
    public enum Outcome: Sendable, Equatable {
        case response(status: Int, retryAfter: String?)
        case transport(TransportError)
    }

    /// Seconds to wait before repeating, or `nil` to stop; `attempt` counts from 0 for the first try.
    public func delay(method: HTTPMethod, outcome: Outcome, attempt: Int) -> Double? {
        guard method.isIdempotentRead, attempt < maxRetries, attempt >= 0 else { return nil }
        let backoff = min(maxDelay, baseDelay * Double(1 << min(attempt, 20)))
        switch outcome {
        case .response(let status, let retryAfter):
            switch status {
            case 429:
                guard let seconds = Self.retryAfterSeconds(retryAfter) else { return backoff }
                return min(Double(seconds), maxRetryAfter)
            case 500, 502, 503, 504: return backoff
            default: return nil
            }
        case .transport(let error):
            switch error {
            case .other: return backoff
            default: return nil
            }
        }
    }

    /// `Retry-After` in its delta-seconds form; an HTTP date or garbage gives `nil`.
    public static func retryAfterSeconds(_ value: String?) -> Int? {
        guard let value, case let text = RegistryPath.trimmed(value), !text.isEmpty,
            text.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int(text.prefix(9))
        else { return nil }
        return seconds
    }
}
