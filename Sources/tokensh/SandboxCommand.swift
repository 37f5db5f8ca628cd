import ArgumentParser

/// `tokensh sandbox`: the sandbox registry in the foreground.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandbox npm registry in the foreground."
    )

    func run() throws {
        throw ValidationError("the sandbox is not built yet")
    }
}
