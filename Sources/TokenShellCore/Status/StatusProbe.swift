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
        /// Not sent, for a reason already given (plain http elsewhere, an unset variable).
        case notAsked(String)
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

    /// Asks `whoami` and, for a token, the token list, both within the client's request
    /// timeout taken as one budget; never throws. `localUser` answers for a registry without
    /// `/-/whoami` when the credential is Basic, as npm answers from the config.
    public static func run(_ client: RegistryClient, tokenKey: String?, localUser: String? = nil) -> StatusProbe {
        var client = client
        let deadline = client.requestTimeout.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        let user: String
        do {
            user = try client.whoami()
        } catch {
            if case .http(status: 404, _, _, _) = error, case .basic = client.credential, let localUser {
                return StatusProbe(outcome: .accepted, user: localUser)
            }
            return StatusProbe(outcome: outcome(of: error))
        }
        guard let tokenKey else { return StatusProbe(outcome: .accepted, user: user) }
        if let deadline {
            let left = (deadline - ContinuousClock.now).components
            let seconds = Double(left.seconds) + Double(left.attoseconds) / 1e18
            guard seconds > 0.05 else { return StatusProbe(outcome: .accepted, user: user) }
            client.requestTimeout = seconds
        }
        guard let tokens = try? client.listTokens() else { return StatusProbe(outcome: .accepted, user: user) }
        return StatusProbe(
            outcome: .accepted, user: user, listed: tokens.first { $0.key == tokenKey }, listRead: true)
    }

    /// Runs every probe at once, each on a thread of its own (a probe mostly waits on the
    /// network, so the number of cores is no limit); results in the order of `jobs`.
    /// With `isCancelled` true (Ctrl-C) it returns at once, without the answers still out: a
    /// probe blocked in the network must not hold the prompt back.
    public static func runAll(
        _ jobs: [(client: RegistryClient, tokenKey: String?, localUser: String?)], isCancelled: () -> Bool = { false }
    ) -> [StatusProbe] {
        let answers = Mutex<[Int: StatusProbe]>([:])
        let group = DispatchGroup()
        for (index, job) in jobs.enumerated() {
            // A queue of its own is an overcommitting one: it gets a thread even when all are busy.
            DispatchQueue(label: "tokensh.probe.\(index)").async(group: group) {
                let probe = run(job.client, tokenKey: job.tokenKey, localUser: job.localUser)
                answers.withLock { $0[index] = probe }
            }
        }
        while group.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if isCancelled() { break }
        }
        let found = answers.withLock { $0 }
        return jobs.indices.map { found[$0] ?? StatusProbe(outcome: .notAsked("not asked")) }
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
