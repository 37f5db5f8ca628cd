import Synchronization

/// A Ctrl-C that has arrived but not yet been handled.
///
/// The SIGINT handler only sets it (a lock-free atomic store is safe in a handler); the line
/// editor, the secret reader and the HTTP transport (through its `isCancelled` closure) read it
/// at points where stopping is safe.
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// True after a Ctrl-C until `reset()` or `consume()`.
    public var isSet: Bool { raised.load(ordering: .acquiring) }

    public func set() {
        raised.store(true, ordering: .releasing)
    }

    /// Forgets a pending Ctrl-C, e.g. before starting a new command.
    public func reset() {
        raised.store(false, ordering: .releasing)
    }

    /// Returns whether a Ctrl-C was pending, and clears it.
    public func consume() -> Bool {
        raised.exchange(false, ordering: .acquiringAndReleasing)
    }
}
