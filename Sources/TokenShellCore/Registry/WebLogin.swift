/// The reply to `POST -/v1/login`.
public enum WebLoginStart: Sendable, Equatable {
    /// Show `loginURL` to the user, then poll `doneURL`.
    case started(loginURL: String, doneURL: String)
    /// The registry has no web login (a 4xx or 500, npm's `ENYI`): fall back to legacy login.
    case unsupported
}

/// One poll of a web login (or web OTP) `doneUrl`.
public enum WebLoginPoll: Sendable, Equatable {
    /// 202: not approved yet; poll again after `retryAfter` seconds when the registry said.
    case pending(retryAfter: Int?)
    /// 200 with the token (for web OTP: the one-time password).
    case done(Secret)
    /// A 4xx or 500 (npm's `ENYI`): fall back to legacy login.
    case unsupported

    /// Seconds to wait before the next poll: the registry's `Retry-After` when given (capped),
    /// otherwise `fallback`. npm 10 polls at once without `Retry-After`; a short pause is kinder.
    public static func nextDelay(retryAfter: Int?, fallback: Double = 1, cap: Double = 10) -> Double {
        guard let retryAfter else { return min(fallback, cap) }
        return min(Double(max(retryAfter, 0)), cap)
    }
}
