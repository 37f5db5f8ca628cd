import Dispatch
import TokenShellCore

/// Runs a blocking transport call on a Dispatch thread, so it never blocks the cooperative
/// threads the Hummingbird test server needs to answer it.
func offPool<T: Sendable>(
    _ body: @escaping @Sendable () throws(TransportError) -> T
) async -> Result<T, TransportError> {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(returning: Result { () throws(TransportError) -> T in try body() })
        }
    }
}
