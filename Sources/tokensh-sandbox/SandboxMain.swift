import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `tokensh-sandbox [options]`, also reached as `tokensh sandbox [options]`.
@main
enum SandboxMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try SandboxCommand.parseAsRoot(arguments)
            try command.run()
            SandboxCommand.exit()
        } catch {
            // Usage errors exit 2, the usage status of design §3 (ArgumentParser's default is 64).
            if SandboxCommand.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((SandboxCommand.fullMessage(for: error) + "\n").utf8))
                Glibc.exit(2)
            }
            SandboxCommand.exit(withError: error)
        }
    }
}
