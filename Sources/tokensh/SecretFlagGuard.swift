#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Refuses npm's `--password` and `--otp` before anything else reads the arguments.
///
/// A secret on the command line ends up in shell history, in `ps` and in recorded scripts;
/// the value is never echoed back, only the flag's name.
enum SecretFlagGuard {
    static func refuseSecretsInArguments(_ arguments: [String]) {
        if arguments.first == "sandbox" { return }
        for argument in arguments {
            if argument == "--" { return }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard name == "--password" || name == "--otp" else { continue }
            let variable = name == "--password" ? "TOKENSH_PASSWORD" : "TOKENSH_OTP or TOKENSH_OTP_COMMAND"
            let message = """
                error: tokensh does not take \(name): a secret on the command line ends up in shell history, \
                in `ps` and in recorded scripts.
                hint: answer the echo-off prompt, or set \(variable) in the environment.

                """
            fputs(message, stderr)
            exit(2)
        }
    }
}
