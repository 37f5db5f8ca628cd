import Dispatch
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What one registry said about one credential: who it belongs to and, where the registry lists
/// tokens, the listed entry (its kind and expiry).
public struct StatusProbe: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case accepted
        /// 401/403: the registry refused the credential.
        case refused(String)
        /// No answer in time, or no connection.
        case unreachable(String)
        /// Anything else (an unexpected answer).
        case failed(String)
    }

    public var outcome: Outcome
    public var user: String?
    /// The token's own entry in the registry's list, when it lists it.
    public var listed: RegistryToken?
    /// The list was read (so a token missing from it is a login session the registry hides).
    public var listRead = false

    public init(outcome: Outcome, user: String? = nil, listed: RegistryToken? = nil, listRead: Bool = false) {
        self.outcome = outcome
        self.user = user
        self.listed = listed
        self.listRead = listRead
    }

    /// Asks `whoami` and, for a token, the token list; never throws.
    public static func run(_ client: RegistryClient, tokenKey: String?) -> StatusProbe {
        let user: String
        do {
            user = try client.whoami()
        } catch {
            return StatusProbe(outcome: outcome(of: error))
        }
        guard let tokenKey else { return StatusProbe(outcome: .accepted, user: user) }
        guard let tokens = try? client.listTokens() else { return StatusProbe(outcome: .accepted, user: user) }
        return StatusProbe(
            outcome: .accepted, user: user, listed: tokens.first { $0.key == tokenKey }, listRead: true)
    }

    /// Runs every probe at once (each bounded by its client's request timeout); results in the
    /// order of `jobs`.
    public static func runAll(_ jobs: [(client: RegistryClient, tokenKey: String?)]) -> [StatusProbe] {
        let answers = Mutex<[Int: StatusProbe]>([:])
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let probe = run(jobs[index].client, tokenKey: jobs[index].tokenKey)
            answers.withLock { $0[index] = probe }
        }
        let found = answers.withLock { $0 }
        return jobs.indices.map { found[$0] ?? StatusProbe(outcome: .failed("not asked")) }
    }

    static func outcome(of error: RegistryError) -> Outcome {
        let message = error.shellError.message
        switch error.shellError.status {
        case .authentication: return .refused(message)
        case .unreachable: return .unreachable(message)
        default: return .failed(message)
        }
    }
}
