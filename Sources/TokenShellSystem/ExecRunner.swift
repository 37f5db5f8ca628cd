import CProcessShims
import TokenShellCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs an `exec` child: in the foreground of the terminal, its npm user config in memory only,
/// tokensh's signals passed on to it while it runs.
///
/// The config goes in a memfd, handed to the child as descriptor 3 and named `/dev/fd/3`: npm
/// opens that name anew for each read (a nested npm or a lifecycle script can read it too), and
/// nothing of it is ever on a disk. It holds only the `${TOKENSH_EXEC_TOKEN_…}` reference: the
/// token is in the child's environment, which only the user (and root) can read.
public enum ExecRunner {
    public static func run(_ request: ExecRequest) throws(ShellError) -> ExecTermination {
        let path = request.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let executable = try resolve(request.command, path: path)
        let memory = try memoryFile(holding: request.userConfig)
        defer { close(memory) }

        shim_exec_signals_begin()
        defer { shim_exec_signals_end() }
        let argv = ([executable] + request.arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = ChildEnvironment.entries(request.environment, exposing: []) + [nil]
        defer { for pointer in envp { free(pointer) } }
        let pid = shim_exec_spawn(executable, argv, envp, memory)
        guard pid > 0 else {
            throw ShellError(
                .failure, "cannot run \(TerminalText.line(request.command)): \(String(cString: strerror(errno)))",
                hint: "check that it is an executable program", code: "EEXEC")
        }
        let child = Subprocess(pid: pid, inputFD: nil, outputFD: nil)
        shim_exec_signals_child(child.pid)
        let ended = child.wait()
        return ended.signaled ? .signaled(ended.status) : .exited(ended.status)
    }

    /// The program's path: as given when it holds a `/`, else the first executable match in PATH.
    static func resolve(_ command: String, path: String) throws(ShellError) -> String {
        if command.contains("/") {
            var info = stat()
            guard stat(command, &info) == 0 else { throw notFound(command) }
            guard info.st_mode & S_IFMT == S_IFREG, access(command, X_OK) == 0 else {
                // As a POSIX shell says it: found, but it cannot be run (126).
                throw ShellError(
                    .failure, "\(TerminalText.line(command)) is not an executable program",
                    hint: "check its permissions (chmod +x) or give another program", code: "EEXEC")
            }
            return command
        }
        for folder in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + command
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw notFound(command)
    }

    private static func notFound(_ command: String) -> ShellError {
        ShellError(
            .failure, "command not found: \(TerminalText.line(command))",
            hint: "check the name, or give the program's path", code: "ENOCMD")
    }

    /// A memfd holding `bytes`, moved above descriptor 3 so the spawn's dup2 onto 3 is a real copy.
    private static func memoryFile(holding bytes: [UInt8]) throws(ShellError) -> Int32 {
        let created = shim_memory_file("tokensh-exec-npmrc")
        guard created >= 0 else {
            throw ShellError(.failure, "cannot create the in-memory npm config: \(String(cString: strerror(errno)))")
        }
        let descriptor = fcntl(created, F_DUPFD_CLOEXEC, 10)
        close(created)
        guard descriptor >= 0 else { throw ShellError(.failure, "cannot create the in-memory npm config") }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                close(descriptor)
                throw ShellError(.failure, "cannot write the in-memory npm config")
            }
            written += count
        }
        return descriptor
    }
}
