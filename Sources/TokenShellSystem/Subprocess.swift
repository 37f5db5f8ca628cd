import CProcessShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started with `posix_spawn`: what the shell needs from `Process` (run a
/// command, capture its output, give it a time limit) without linking the full Foundation.
public final class Subprocess {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The shell's own stream.
        case inherit
        /// `/dev/null`.
        case null
        /// A pipe whose other end the parent holds (`inputFD` / `outputFD`).
        case pipe
    }

    /// How a finished child ended.
    public struct Termination: Sendable, Equatable {
        /// The exit status, or the signal number when `signaled`.
        public let status: Int32
        public let signaled: Bool

        public var succeeded: Bool { !signaled && status == 0 }
    }

    /// What `run` collected.
    public struct Result: Sendable {
        public let termination: Termination
        public let output: [UInt8]
    }

    public let pid: pid_t
    /// The write end of the child's stdin when it is `.pipe`; closing it sends the child EOF.
    public private(set) var inputFD: Int32?
    /// The read end of the child's stdout when it is `.pipe`.
    public private(set) var outputFD: Int32?
    private var termination: Termination?

    init(pid: pid_t, inputFD: Int32?, outputFD: Int32?) {
        self.pid = pid
        self.inputFD = inputFD
        self.outputFD = outputFD
    }

    deinit {
        closeInput()
        closeOutput()
    }

    /// Starts `executable` (an absolute path) in its own process group, so a Ctrl-C at the shell's
    /// prompt stays with the shell, or in a new session without a controlling terminal when
    /// `newSession` is set. Only the three standard streams are inherited: every other descriptor
    /// (libcurl's sockets, a lock, a pipe of another child) is closed in the child before exec.
    ///
    /// The child gets `environment` (this process's own when nil) without the secret variables of
    /// `ChildEnvironment`, except those named in `exposing`.
    public static func spawn(
        _ executable: String, arguments: [String], environment: [String: String]? = nil,
        exposing: Set<String> = [], stdin: Stream = .null, stdout: Stream = .inherit, stderr: Stream = .inherit,
        newSession: Bool = false
    ) throws(SubprocessError) -> Subprocess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        var inputFD: Int32?
        var outputFD: Int32?
        func cleanUp() { for fd in parentEnds + childEnds { close(fd) } }

        for (target, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch stream {
            case .inherit:
                break
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .pipe:
                var fds: [Int32] = [-1, -1]
                guard pipe(&fds) == 0 else {
                    let code = errno
                    cleanUp()
                    throw SubprocessError(executable: executable, errno: code)
                }
                // Close-on-exec: only the dup2'ed copy reaches the child, so closing ours ends its stream.
                _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
                _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
                let (childEnd, parentEnd) = target == 0 ? (fds[0], fds[1]) : (fds[1], fds[0])
                childEnds.append(childEnd)
                parentEnds.append(parentEnd)
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
                if target == 0 { inputFD = parentEnd } else if target == 1 { outputFD = parentEnd }
            }
        }

        // After the dup2s above, which it must not undo. Should the C library lack the action,
        // the shell's own descriptors are close-on-exec; other libraries' may not be.
        _ = shim_spawn_add_close_from(&actions, 3)

        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGHUP, SIGTSTP] { sigaddset(&defaults, signal) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var flags = Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        let setsid = shim_spawn_setsid_flag()
        if newSession, setsid != 0 {
            flags |= setsid
        } else {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= Int16(POSIX_SPAWN_SETPGROUP)
        }
        posix_spawnattr_setflags(&attributes, flags)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = ChildEnvironment.entries(environment, exposing: exposing) + [nil]
        defer { for pointer in envp { free(pointer) } }

        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        for fd in childEnds { close(fd) }
        guard status == 0 else {
            for fd in parentEnds { close(fd) }
            throw SubprocessError(executable: executable, errno: status)
        }
        return Subprocess(pid: pid, inputFD: inputFD, outputFD: outputFD)
    }

    /// Runs a command to the end with stdout captured; after `timeout` seconds it is sent SIGTERM,
    /// then SIGKILL, and `nil` is returned.
    public static func run(
        _ executable: String, arguments: [String], environment: [String: String]? = nil,
        exposing: Set<String> = [], stderr: Stream = .inherit, timeout: Double? = nil
    ) throws(SubprocessError) -> Result? {
        let child = try spawn(
            executable, arguments: arguments, environment: environment, exposing: exposing, stdout: .pipe,
            stderr: stderr)
        let deadline = timeout.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
        var output: [UInt8] = []
        while true {
            let remaining = deadline.map { ContinuousClock.now.duration(to: $0) }
            if let remaining, remaining <= .zero {
                child.terminate()
                return nil
            }
            if let fd = child.outputFD {
                // Wakes at least every 100 ms to notice a child that exited while a grandchild holds the pipe.
                let wait = remaining.map { min(100, max(1, milliseconds($0))) } ?? 100
                let ready = waitReadable(fd, milliseconds: wait)
                if ready > 0 {
                    if !child.readAvailable(into: &output) { child.closeOutput() }
                } else if ready < 0, errno != EINTR {
                    child.closeOutput()
                } else if let ended = child.poll() {
                    while child.readAvailable(into: &output, blocking: false) {}
                    child.closeOutput()
                    return Result(termination: ended, output: output)
                }
            } else if let ended = child.poll() {
                return Result(termination: ended, output: output)
            } else {
                usleep(10_000)
            }
        }
    }

    /// Reads what is available; `false` at end of file or on error.
    private func readAvailable(into output: inout [UInt8], blocking: Bool = true) -> Bool {
        guard let fd = outputFD else { return false }
        if !blocking {
            guard waitReadable(fd, milliseconds: 0) > 0 else { return false }
        }
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { return true }
        guard count > 0 else { return false }
        output.append(contentsOf: buffer[0..<count])
        return true
    }

    /// How the child ended, without waiting; `nil` while it runs.
    public func poll() -> Termination? {
        if let termination { return termination }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        termination = Self.decode(status)
        return termination
    }

    /// Waits for the child to end.
    @discardableResult
    public func wait() -> Termination {
        if let termination { return termination }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let ended = Self.decode(status)
        termination = ended
        return ended
    }

    /// SIGTERM, then SIGKILL if the child is still there two seconds later; waits for it.
    public func terminate() {
        guard poll() == nil else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(2)
        while poll() == nil {
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                wait()
                return
            }
            usleep(10_000)
        }
    }

    public func closeInput() {
        if let inputFD { close(inputFD) }
        inputFD = nil
    }

    public func closeOutput() {
        if let outputFD { close(outputFD) }
        outputFD = nil
    }

    private static func decode(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return signal == 0
            ? Termination(status: (status >> 8) & 0xff, signaled: false)
            : Termination(status: signal, signaled: true)
    }
}

/// `poll(2)` on one descriptor, outside `Subprocess`, whose own `poll()` would shadow it.
private func waitReadable(_ fd: Int32, milliseconds: Int32) -> Int32 {
    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&poller, 1, milliseconds)
}

private func milliseconds(_ duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
}

/// A child that could not be started; says which program and why.
public struct SubprocessError: Error, CustomStringConvertible {
    public let executable: String
    public let errno: Int32

    public var description: String { "cannot run \(executable): \(String(cString: strerror(errno)))" }
}
