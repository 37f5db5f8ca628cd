import TokenShellCore

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

/// Runs `TOKENSH_OTP_COMMAND` for each OTP challenge and returns the code it prints.
///
/// The command runs as `/bin/sh -c 'eval "$TOKENSH_OTP_COMMAND"'`: its text travels in the
/// environment, never in argv, so neither it nor a secret it spells out shows in `ps`. Its
/// stdout is captured and trimmed; its stderr goes to ours (it may explain a failure).
///
/// The command gets the shell's environment and its own text, never the password, the token or
/// a one-time password the shell was given (`ChildEnvironment` removes them).
public struct OTPCommandRunner: Sendable {
    /// The variable that holds the command.
    public static let variable = SecretVariables.otpCommand

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
        var childEnvironment = environment
        childEnvironment[Self.variable] = command
        let result: Subprocess.Result?
        do {
            result = try Subprocess.run(
                "/bin/sh", arguments: ["-c", "eval \"$\(Self.variable)\""], environment: childEnvironment,
                exposing: [Self.variable], timeout: timeout)
        } catch {
            throw ShellError(.failure, "cannot run \(Self.variable): \(String(cString: strerror(error.errno)))")
        }
        guard let result else {
            throw ShellError(
                .failure, "\(Self.variable) did not finish within \(Int(timeout)) seconds",
                hint: "check that the command prints a code without waiting for input")
        }
        guard result.termination.succeeded else {
            throw ShellError(
                .failure, "\(Self.variable) failed with exit status \(result.termination.status)",
                hint: "run the command by hand to see why")
        }
        let code = String(decoding: result.output, as: UTF8.self).trimmingWhitespace()
        guard !code.isEmpty else {
            throw ShellError(.failure, "\(Self.variable) printed nothing", hint: "it must print the one-time password")
        }
        return Secret(code)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
