#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The `tokensh-sandbox` executable installed next to `tokensh`. The sandbox lives there so that
/// the shell's start-up never loads the server library (Hummingbird, NIO): `tokensh sandbox`
/// execs it, `tokensh --sandbox` starts it as a child.
enum SandboxExecutable {
    static let name = "tokensh-sandbox"

    /// `TOKENSH_SANDBOX_BIN` if set, else the file next to this executable.
    static func path() -> String {
        if let override = getenv("TOKENSH_SANDBOX_BIN").map({ String(cString: $0) }), !override.isEmpty {
            return override
        }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let own = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        guard let slash = own.lastIndex(of: "/") else { return name }
        return own[...slash] + name
    }

    /// Replaces this process with `tokensh-sandbox arguments…` (same pid, so signals sent to
    /// `tokensh sandbox` reach the server).
    static func exec(_ arguments: [String]) -> Never {
        let executable = path()
        let argv = [executable] + arguments
        var pointers = argv.map { strdup($0) }
        pointers.append(nil)
        execv(executable, pointers)
        let reason = String(cString: strerror(errno))
        TerminalShellIO.write(
            "error: cannot start \(executable): \(reason)\n"
                + "hint: build and install it next to tokensh (`swift build --product \(name)`, scripts/install)\n",
            to: STDERR_FILENO)
        exit(1)
    }
}
