import Foundation

/// A value that arrives once and can be awaited from both synchronous and async code.
final class StartupSignal<Value: Sendable>: @unchecked Sendable {
    // Safe: `value`, `resolved` and `waiters` are only touched under `lock`.
    private let lock = NSCondition()
    private var stored: Value?
    private var waiters: [CheckedContinuation<Value, Never>] = []

    /// Sets the value the first time; later calls are ignored.
    func resolve(_ value: Value) {
        lock.lock()
        guard stored == nil else {
            lock.unlock()
            return
        }
        stored = value
        let pending = waiters
        waiters = []
        lock.broadcast()
        lock.unlock()
        for waiter in pending { waiter.resume(returning: value) }
    }

    /// Blocks the thread until the value arrives.
    func wait() -> Value {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let stored { return stored }
            lock.wait()
        }
    }

    func value() async -> Value {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let stored {
                lock.unlock()
                continuation.resume(returning: stored)
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }
}
