#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Subprocess {
    /// Starts a program that may outlive the shell (a browser) without tying it to the shell.
    ///
    /// It runs in a new session (no controlling terminal: the terminal's hang-up and Ctrl-C do not
    /// reach it, and it cannot read or draw on the shell's terminal), with its standard streams
    /// on `/dev/null`. An intermediate `/bin/sh` starts it in the background and exits at once,
    /// and is reaped here: the program is then no child of tokensh, so it never becomes a zombie
    /// while the shell runs. Descriptors and environment are cut down as for every `spawn`.
    public static func launchDetached(_ executable: String, arguments: [String]) throws(SubprocessError) {
        let launcher = try spawn(
            "/bin/sh", arguments: ["-c", "\"$0\" \"$@\" &", executable] + arguments, stdin: .null, stdout: .null,
            stderr: .null, newSession: true)
        let ended = launcher.wait()
        guard ended.succeeded else { throw SubprocessError(executable: executable, errno: ECHILD) }
    }
}
