import TokenShellCore

/// A shell wired to the fakes, as the tests build it.
struct ScriptTestShell {
    let io = RecordingShellIO()
    let services: InMemoryServices
    let shell: Shell

    init(
        environment: [String: String] = ["TOKENSH_TOKEN": "npm_stand1nF0rTestsOnlyAAAAAAAAAAAAAAAAAA"],
        replies: [StubTransport.Reply] = [], registry: String = "https://registry.example.test/"
    ) {
        services = InMemoryServices(environment: environment, replies: replies)
        var options = ShellOptionsValues()
        options.registry = registry
        shell = Shell(io: io, services: services, options: options)
    }

    func script(_ path: String, _ text: String) {
        services[path] = InMemoryServices.File(bytes: Array(text.utf8), mode: 0o700)
    }
}
