import CShims
import Glibc

/// Facts about the terminal the shell runs in.
///
/// The shell is interactive only when both stdin and stdout are terminals (as psql, sqlite3 and
/// redis-cli decide); otherwise it never prompts, keeps no history and prints no prompt.
public enum Terminal {
    /// stdin and stdout are both terminals.
    public static var isInteractive: Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

    /// stdin is a terminal: the precondition for `SecretReader`.
    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// stderr is a terminal: spinners and progress go there only then.
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Columns of the terminal on stdout (or stderr), else `$COLUMNS`, else 80.
    public static var width: Int { size(shim_terminal_columns, variable: "COLUMNS", fallback: 80) }

    /// Rows of the terminal on stdout (or stderr), else `$LINES`, else 24.
    public static var height: Int { size(shim_terminal_rows, variable: "LINES", fallback: 24) }

    private static func size(_ query: (Int32) -> Int32, variable: String, fallback: Int) -> Int {
        for fd in [STDOUT_FILENO, STDERR_FILENO, STDIN_FILENO] {
            let value = Int(query(fd))
            if value > 0 { return value }
        }
        if let text = getenv(variable), let value = Int(String(cString: text)), value > 0 { return value }
        return fallback
    }

    /// Writes text straight to a file descriptor, bypassing stdio buffers, retrying on EINTR.
    public static func write(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
