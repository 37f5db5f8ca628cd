import TokenShellSystem

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
        buildIfMissing(executable)
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

    /// `swift run tokensh sandbox` on a fresh clone builds only `tokensh`: inside a SwiftPM build
    /// folder, a missing `tokensh-sandbox` is built first, its output on stderr so that the URL
    /// stays the first line of stdout. Installed copies never take this path.
    static func buildIfMissing(_ executable: String) {
        guard access(executable, X_OK) != 0, let marker = executable.firstRange(of: "/.build/") else { return }
        let root = String(executable[..<marker.lowerBound])
        let folder = executable.split(separator: "/").dropLast().last.map(String.init) ?? "debug"
        guard folder == "debug" || folder == "release" else { return }
        var environment = ProcessEnvironment.current().variables
        environment["TOKENSH_PACKAGE_ROOT"] = root
        environment["TOKENSH_BUILD_CONFIGURATION"] = folder
        TerminalShellIO.write("building \(name) (first run from a source checkout)…\n", to: STDERR_FILENO)
        let script =
            "cd \"$TOKENSH_PACKAGE_ROOT\" && exec swift build --product \(name) -c \"$TOKENSH_BUILD_CONFIGURATION\" 1>&2"
        guard let build = try? Subprocess.spawn("/bin/sh", arguments: ["-c", script], environment: environment)
        else { return }
        _ = build.wait()
    }
}
