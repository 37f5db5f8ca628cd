import TokenShellCore
import TokenShellSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tokensh --sandbox`: a `tokensh-sandbox` child on a free loopback port, and a throw-away user
/// config. The server runs in its own process so that the shell never loads the server library.
final class PracticeSandbox {
    let registry: String
    let userconfig: String
    private let process: Subprocess
    private let temporaryFolder: PracticeFolder?

    var banner: String {
        """
        tokensh practice mode: a sandbox registry at \(registry)
        Nothing here touches a real npm account. Try:
          login --auth-type legacy --username \(Self.practiceUser)     (password: \(Self.practicePassword))
          token list
          help
        Ctrl-D leaves the practice shell.

        """
    }

    /// The practice account, the sandbox's demo account made explicit.
    static let practiceUser = "demo"
    static let practicePassword = "demo-password"

    private init(registry: String, userconfig: String, process: Subprocess, temporaryFolder: PracticeFolder?) {
        self.registry = registry
        self.userconfig = userconfig
        self.process = process
        self.temporaryFolder = temporaryFolder
    }

    /// Starts the child and waits for the base URL on its first stdout line.
    static func start(userconfig: String?) throws -> PracticeSandbox {
        // The account goes through stdin, never argv (which anyone can read in /proc/PID/cmdline);
        // after it the sandbox stops when its stdin reaches EOF: the write end stays with this process.
        let process = try Subprocess.spawn(
            SandboxExecutable.path(),
            arguments: [
                "--port", "0", "--auto-approve", "--seed-tokens", "6", "--password-iterations", "10000",
                "--no-access-log", "--users-file", "-", "--stop-on-stdin-eof",
            ], stdin: .pipe, stdout: .pipe)
        if let input = process.inputFD {
            let accounts = Array("\(practiceUser):\(practicePassword)\n\n".utf8)
            _ = accounts.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
        }
        guard let output = process.outputFD, let url = firstLine(of: output), url.hasPrefix("http://") else {
            process.terminate()
            throw PracticeSandboxError("the sandbox did not report its address")
        }
        process.closeOutput()
        if let userconfig {
            return PracticeSandbox(registry: url, userconfig: userconfig, process: process, temporaryFolder: nil)
        }
        let folder: PracticeFolder
        do {
            folder = try PracticeFolder.create()
        } catch {
            process.terminate()
            throw error
        }
        return PracticeSandbox(
            registry: url, userconfig: folder.path + "/npmrc", process: process, temporaryFolder: folder)
    }

    /// Stops the child (SIGTERM) and waits for it, then removes the throw-away config.
    func stop() {
        process.terminate()
        process.closeInput()
        temporaryFolder?.remove()
    }

    private static func firstLine(of descriptor: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}

/// The practice registry could not be started.
struct PracticeSandboxError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
