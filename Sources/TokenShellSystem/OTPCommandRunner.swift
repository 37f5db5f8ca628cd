import Foundation
import TokenShellCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `TOKENSH_OTP_COMMAND` for each OTP challenge and returns the code it prints.
///
/// The command runs as `/bin/sh -c 'eval "$TOKENSH_OTP_COMMAND"'`: its text travels in the
/// environment, never in argv, so neither it nor a secret it spells out shows in `ps`. Its
/// stdout is captured and trimmed; its stderr goes to ours (it may explain a failure).
public struct OTPCommandRunner: Sendable {
    /// The variable that holds the command.
    public static let variable = "TOKENSH_OTP_COMMAND"

    public var command: String
    public var environment: [String: String]
    /// Seconds to wait before the command is killed.
    public var timeout: Double

    public init(command: String, environment: [String: String], timeout: Double = 30) {
        self.command = command
        self.environment = environment
        self.timeout = timeout
    }

    /// A runner for `TOKENSH_OTP_COMMAND` in `environment`, or `nil` when it is unset or empty.
    public init?(environment: [String: String], timeout: Double = 30) {
        guard let command = environment[Self.variable], !command.isEmpty else { return nil }
        self.init(command: command, environment: environment, timeout: timeout)
    }

    /// Runs the command once and returns its trimmed output as a one-time password.
    public func nextCode() throws -> Secret {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "eval \"$\(Self.variable)\""]
        var childEnvironment = environment
        childEnvironment[Self.variable] = command
        process.environment = childEnvironment
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let collector = OutputCollector()
        let readerDone = DispatchSemaphore(value: 0)
        do {
            try process.run()
        } catch {
            throw ShellError(.failure, "cannot run \(Self.variable): \(error.localizedDescription)")
        }
        let reading = output.fileHandleForReading
        DispatchQueue.global().async {
            collector.set(reading.readDataToEndOfFile())
            readerDone.signal()
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            throw ShellError(
                .failure, "\(Self.variable) did not finish within \(Int(timeout)) seconds",
                hint: "check that the command prints a code without waiting for input")
        }
        _ = readerDone.wait(timeout: .now() + 2)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw ShellError(
                .failure, "\(Self.variable) failed with exit status \(process.terminationStatus)",
                hint: "run the command by hand to see why")
        }
        let code = String(decoding: collector.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !code.isEmpty else {
            throw ShellError(.failure, "\(Self.variable) printed nothing", hint: "it must print the one-time password")
        }
        return Secret(code)
    }
}

/// The command's output, handed from the reading thread to the waiting one.
// @unchecked Sendable: every access to `data` holds `lock`.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ newData: Data) {
        lock.lock()
        data = newData
        lock.unlock()
    }

    func get() -> Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
