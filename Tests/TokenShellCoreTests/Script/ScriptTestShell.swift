import Foundation
import Synchronization
import TokenShellCore

/// Collects what a command prints; asks nothing (like a script without a terminal).
final class RecordingShellIO: ShellIO {
    var outputText = ""
    var diagnosticText = ""
    let canAsk = false
    let canPromptSecrets = false
    let terminalWidth = 100

    func output(_ text: String) { outputText += text }
    func diagnostic(_ text: String) { diagnosticText += text }

    func ask(_ question: String, default: String?, choices: [String]) throws(ShellError) -> String {
        throw ShellError(.usage, "nobody to ask: \(question)")
    }

    func askSecret(_ prompt: String) throws(ShellError) -> Secret {
        throw ShellError(.usage, "nobody to ask: \(prompt)")
    }

    func progress(_ message: String) -> any ShellProgress { SilentProgress() }
}

final class SilentProgress: ShellProgress {
    func stop() {}
}

/// Script files in memory (path → bytes and mode), a stub transport for every registry, a fixed clock.
final class InMemoryScriptServices: ShellServices {
    struct File: Equatable {
        var bytes: [UInt8]
        var mode: Int
    }

    let environment: [String: String]
    let stub: StubTransport
    private let files = Mutex<[String: File]>([:])
    private let registries = Mutex<[String]>([])

    init(environment: [String: String] = [:], replies: [StubTransport.Reply] = []) {
        self.environment = environment
        self.stub = StubTransport(replies)
    }

    subscript(path: String) -> File? {
        get { files.withLock { $0[path] } }
        set { files.withLock { $0[path] = newValue } }
    }

    func text(_ path: String) -> String? {
        self[path].map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// The registries a transport was asked for, in order.
    var transportsRequested: [String] { registries.withLock { $0 } }

    func loadConfig(cli: [String: String]) throws(ShellError) -> NpmConfig {
        let inputs = NpmConfigInputs(environment: environment, cwd: "/work", home: "/home/user", cli: cli)
        do {
            return try NpmConfig.load(inputs, fileSystem: FakeConfigFileSystem())
        } catch {
            throw ShellError(.failure, "config: \(error)")
        }
    }

    func transport(for registry: String) -> any HTTPTransport {
        registries.withLock { $0.append(registry) }
        return stub
    }

    func updateConfigFile(
        _ path: String, kind: ConfigFileKind, _ transform: (String?) throws(ShellError) -> String?
    ) throws(ShellError) -> ConfigFileUpdate {
        throw ShellError(.failure, "no config writes in these tests")
    }

    func now() -> Date { Date(timeIntervalSince1970: 1_795_860_000) }
    func sleep(seconds: Double) {}
    var isInterrupted: Bool { false }
    func runOTPCommand() throws(ShellError) -> Secret? { nil }

    func readScriptFile(_ path: String) throws(ShellError) -> [UInt8] {
        guard let file = self[path] else { throw ShellError(.failure, "cannot read \(path): no such file") }
        return file.bytes
    }

    func writeScriptFile(_ path: String, contents: String, replacing: Bool) throws(ShellError) {
        try files.withLock { (files: inout [String: File]) throws(ShellError) in
            if files[path] != nil, !replacing {
                throw ShellError(.failure, "\(path) already exists", code: Shell.fileExistsCode)
            }
            files[path] = File(bytes: Array(contents.utf8), mode: files[path]?.mode ?? 0o700)
        }
    }
}

/// A shell wired to the fakes, as the tests build it.
struct ScriptTestShell {
    let io = RecordingShellIO()
    let services: InMemoryScriptServices
    let shell: Shell

    init(
        environment: [String: String] = ["TOKENSH_TOKEN": "npm_stand1nF0rTestsOnlyAAAAAAAAAAAAAAAAAA"],
        replies: [StubTransport.Reply] = [], registry: String = "https://registry.example.test/"
    ) {
        services = InMemoryScriptServices(environment: environment, replies: replies)
        var options = ShellOptionsValues()
        options.registry = registry
        shell = Shell(io: io, services: services, options: options)
    }

    func script(_ path: String, _ text: String) {
        services[path] = InMemoryScriptServices.File(bytes: Array(text.utf8), mode: 0o700)
    }
}

extension StubTransport.Reply {
    static func whoami(_ name: String) -> Self { .json(200, "{\"username\":\"\(name)\"}") }
}
