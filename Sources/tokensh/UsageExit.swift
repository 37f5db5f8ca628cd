import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command, mapping argument errors to exit 2, the usage status of design §3
/// (ArgumentParser's own default is 64).
enum UsageExit {
    static func run<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) -> Never {
        do {
            var command = try type.parseAsRoot(arguments)
            try command.run()
            type.exit()
        } catch {
            if type.exitCode(for: error) == .validationFailure {
                TerminalShellIO.write(type.fullMessage(for: error) + "\n", to: STDERR_FILENO)
                Glibc.exit(2)
            }
            type.exit(withError: error)
        }
    }
}
