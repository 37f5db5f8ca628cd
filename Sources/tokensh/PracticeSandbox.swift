import Foundation
import TokenShellCore

/// `tokensh --sandbox`: a `tokensh-sandbox` child on a free loopback port, and a throw-away user
/// config. The server runs in its own process so that the shell never loads the server library.
final class PracticeSandbox {
    let registry: String
    let userconfig: String
    private let process: Process
    private let parentPipe: Pipe
    private let temporaryFolder: String?

    var banner: String {
        """
        tokensh practice mode: a sandbox registry at \(registry)
        Nothing here touches a real npm account. Try:
          login --auth-type legacy --username demo     (password: demo-password)
          token list
          help
        Ctrl-D leaves the practice shell.

        """
    }

    private init(registry: String, userconfig: String, process: Process, parentPipe: Pipe, temporaryFolder: String?) {
        self.registry = registry
        self.userconfig = userconfig
        self.process = process
        self.parentPipe = parentPipe
        self.temporaryFolder = temporaryFolder
    }

    /// Starts the child and waits for the base URL on its first stdout line.
    static func start(userconfig: String?) throws -> PracticeSandbox {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SandboxExecutable.path())
        process.arguments = [
            "--port", "0", "--auto-approve", "--seed-tokens", "6", "--password-iterations", "10000",
            "--no-access-log", "--stop-on-stdin-eof",
        ]
        let output = Pipe()
        let parentPipe = Pipe()
        process.standardOutput = output
        process.standardInput = parentPipe
        try process.run()
        guard let url = firstLine(of: output.fileHandleForReading), url.hasPrefix("http://") else {
            process.terminate()
            process.waitUntilExit()
            throw PracticeSandboxError("the sandbox did not report its address")
        }
        if let userconfig {
            return PracticeSandbox(
                registry: url, userconfig: userconfig, process: process, parentPipe: parentPipe,
                temporaryFolder: nil)
        }
        let folder = NSTemporaryDirectory() + "tokensh-practice-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return PracticeSandbox(
            registry: url, userconfig: folder + "/npmrc", process: process, parentPipe: parentPipe,
            temporaryFolder: folder)
    }

    /// Stops the child (SIGTERM) and waits for it, then removes the throw-away config.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? parentPipe.fileHandleForWriting.close()
        if let temporaryFolder { try? FileManager.default.removeItem(atPath: temporaryFolder) }
    }

    private static func firstLine(of handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(handle.fileDescriptor, &byte, 1) == 1 {
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
