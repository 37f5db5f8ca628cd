import Glibc
import Synchronization

/// Process-wide Ctrl-C handling: SIGINT sets `Interrupts.flag` instead of killing the shell.
///
/// The handler is installed without `SA_RESTART`, so a blocking `read` (secret prompt, piped
/// input) returns `EINTR` and `el_gets` returns at once; a running HTTP request notices the flag
/// through the transport's `isCancelled` closure.
public enum Interrupts {
    /// Set by every SIGINT; taken by the command it stops, or else by the next read.
    public static let flag = InterruptFlag()

    private static let installed = Atomic<Bool>(false)

    /// Installs the SIGINT handler; calling it again does nothing.
    public static func install() {
        guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = flag.isSet  // initialise the static before a signal can touch it
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupts.flag.set() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// A closure for `CurlTransportOptions.isCancelled`.
    public static let isCancelled: @Sendable () -> Bool = { flag.isSet }
}
