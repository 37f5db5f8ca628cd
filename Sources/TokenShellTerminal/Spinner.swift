import Glibc
import Synchronization

/// A one-line activity indicator on stderr for waits without output (the web-login poll).
///
/// Draws only when stderr is a terminal, so logs and CI output stay clean. Frames are drawn from
/// a background task while the caller blocks in HTTP calls; drawing happens under the same lock
/// that `stop` takes, so no frame can appear after `stop` returns.
public final class Spinner: Sendable {
    private struct State {
        var message: String
        var running = false
        var frame = 0
    }

    private static let frames = ["|", "/", "-", "\\"]
    private let state: Mutex<State>
    private let enabled: Bool
    private let fileDescriptor: Int32

    public init(message: String, enabled: Bool = Terminal.stderrIsTerminal, fileDescriptor: Int32 = STDERR_FILENO) {
        self.state = Mutex(State(message: message))
        self.enabled = enabled
        self.fileDescriptor = fileDescriptor
    }

    /// Starts animating; does nothing when disabled or already running.
    public func start() {
        guard enabled else { return }
        let alreadyRunning = state.withLock { state in
            defer { state.running = true }
            return state.running
        }
        guard !alreadyRunning else { return }
        Task.detached { [self] in
            while drawNextFrame() {
                try? await Task.sleep(for: .milliseconds(120))
            }
        }
    }

    /// Replaces the text shown next to the spinner.
    public func update(message: String) {
        state.withLock { $0.message = message }
    }

    /// Stops and erases the spinner line, then prints `finalMessage` on its own line if given.
    public func stop(finalMessage: String? = nil) {
        state.withLock { state in
            guard state.running else { return }
            state.running = false
            Terminal.write("\r\u{1B}[K", to: fileDescriptor)
        }
        if enabled, let finalMessage { Terminal.write(finalMessage + "\n", to: fileDescriptor) }
    }

    private func drawNextFrame() -> Bool {
        state.withLock { state in
            guard state.running else { return false }
            let frame = Self.frames[state.frame % Self.frames.count]
            state.frame += 1
            Terminal.write("\r\u{1B}[K\(frame) \(state.message)", to: fileDescriptor)
            return true
        }
    }
}
