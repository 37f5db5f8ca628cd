import CProcessShims

/// Keeps the password, the token and one-time passwords out of core files.
///
/// A crash (or `kill -QUIT`, or `gcore` by a process of the same user) would otherwise write the
/// shell's memory, secrets included, to disk. The core-size limit goes to 0 and the process is
/// marked not dumpable, which also stops other processes of the same user from attaching with
/// ptrace and reading `/proc/PID/environ` or `/proc/PID/mem`. The process can still read its
/// own `/proc/self` files (`/proc/self/exe` included). Children inherit the zero limit.
public enum CoreDumps {
    /// Called first thing in `main`, before any secret is read; failures change nothing else.
    public static func disable() {
        _ = shim_disable_core_dumps()
    }
}
