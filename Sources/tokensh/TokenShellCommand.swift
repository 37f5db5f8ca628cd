import ArgumentParser

@main
struct TokenShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokensh",
        abstract: "A guided shell for npm access tokens.",
        version: "0.1.0",
        subcommands: [SandboxCommand.self]
    )

    func run() throws {
        print("tokensh: the interactive shell is not built yet")
    }
}
