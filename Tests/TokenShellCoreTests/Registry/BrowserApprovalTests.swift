import Foundation
import Testing
import TokenShellCore

@Suite struct BrowserApprovalTests {
    /// A clock that moves only when told: a pause moves it by the pause, a poll by its round trip.
    struct FakeClock {
        var now = Date(timeIntervalSinceReferenceDate: 0)
        mutating func advance(_ seconds: Double) { now = now.addingTimeInterval(seconds) }
    }

    /// What carrying out the machine's actions against `registry` looks like.
    struct Run {
        var ending: BrowserApproval.Action
        var polls: Int
        var pauses: [Double]
        var elapsed: Double
    }

    /// Carries out the actions as the shell does, with `registry` answering each poll.
    static func run(
        limit: Double, pollTakes: Double = 0.2, interruptAfterPause: Int? = nil,
        registry: (Int) -> WebLoginPoll
    ) -> Run {
        var clock = FakeClock()
        let start = clock.now
        let approval = BrowserApproval(limit: limit, startedAt: clock.now)
        var action = approval.first
        var polls = 0
        var pauses: [Double] = []
        while polls < 10_000 {
            switch action {
            case .poll:
                polls += 1
                clock.advance(pollTakes)
                action = approval.next(after: .polled(registry(polls)), at: clock.now)
            case .wait(let seconds):
                pauses.append(seconds)
                clock.advance(seconds)
                let interrupted = interruptAfterPause.map { pauses.count >= $0 } ?? false
                action = approval.next(after: .waited(interrupted: interrupted), at: clock.now)
            case .done, .giveUp:
                return Run(ending: action, polls: polls, pauses: pauses, elapsed: clock.now.timeIntervalSince(start))
            }
        }
        return Run(ending: action, polls: polls, pauses: pauses, elapsed: clock.now.timeIntervalSince(start))
    }

    @Test("seams bug 3: a registry answering 202 for ever is given up on at the deadline")
    func pendingForeverEndsAtTheDeadline() {
        let run = Self.run(limit: 600) { _ in .pending(retryAfter: nil) }
        #expect(run.ending == .giveUp(.deadline))
        #expect(
            run.elapsed > 600 - 1e-6 && run.elapsed < 600 + 0.2 + 1e-6,
            "the last pause ends at the deadline, one poll after")
        #expect(run.pauses.allSatisfy { $0 > 0 && $0 <= 10 })
        #expect(run.polls > 100, "a pause of one second without Retry-After")
    }

    @Test("seams bug 3: Retry-After is followed, capped, and never carries past the deadline")
    func retryAfterIsCappedAndStopsAtTheDeadline() {
        let run = Self.run(limit: 25) { _ in .pending(retryAfter: 3600) }
        #expect(run.ending == .giveUp(.deadline))
        #expect(run.pauses.count == 3)
        #expect(run.pauses[0] == 10 && run.pauses[1] == 10)
        #expect(abs(run.pauses[2] - (25 - 20 - 0.6)) < 1e-6, "the last pause is what is left of the limit")
        #expect(run.polls == 4, "one last poll at the deadline")
    }

    @Test func anApprovalInTheLastSecondStillCounts() {
        let token = Secret("npm_ApprovedAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        let run = Self.run(limit: 5, pollTakes: 0) { poll in poll == 6 ? .done(token) : .pending(retryAfter: nil) }
        #expect(run.ending == .done(token))
        #expect(abs(run.elapsed - 5) < 1e-6)
    }

    @Test func theRegistryEndingTheFlowAndCtrlCEndTheWait() {
        #expect(
            Self.run(limit: 600) { $0 == 3 ? .unsupported : .pending(retryAfter: nil) }.ending == .giveUp(.unsupported))
        let interrupted = Self.run(limit: 600, interruptAfterPause: 2) { _ in .pending(retryAfter: nil) }
        #expect(interrupted.ending == .giveUp(.interrupted))
        #expect(interrupted.polls == 2)
    }

    @Test func anApprovalAlreadyThereNeedsNoPause() {
        let token = Secret("npm_ApprovedAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        let run = Self.run(limit: 600) { _ in .done(token) }
        #expect(run.ending == .done(token) && run.polls == 1 && run.pauses.isEmpty)
    }

    @Test func limitsAreSaidAsPeopleSayThem() {
        #expect(BrowserApproval.describe(600) == "10 minutes")
        #expect(BrowserApproval.describe(60) == "1 minute")
        #expect(BrowserApproval.describe(90) == "90 seconds")
        #expect(BrowserApproval.describe(3) == "3 seconds")
    }
}
