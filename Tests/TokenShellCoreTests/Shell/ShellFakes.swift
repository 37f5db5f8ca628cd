import Foundation
import Synchronization
import TokenShellCore

/// Captures what the shell printed; answers questions from a script.
final class RecordingIO: ShellIO {
    var stdout = ""
    var stderr = ""
    var canAsk = false
    var canPromptSecrets = false
    var terminalWidth = 80
    var answers: [String] = []
    var secrets: [Secret] = []

    func output(_ text: String) { stdout += text }
    func diagnostic(_ text: String) { stderr += text }

    func ask(_ question: String, default defaultValue: String?, choices: [String]) throws(ShellError) -> String {
        guard !answers.isEmpty else { throw ShellError(.interrupted, "no scripted answer for \(question)") }
        let answer = answers.removeFirst()
        return answer.isEmpty ? defaultValue ?? "" : answer
    }

    func askSecret(_ prompt: String) throws(ShellError) -> Secret {
        guard !secrets.isEmpty else { throw ShellError(.interrupted, "no scripted secret") }
        return secrets.removeFirst()
    }

    func progress(_ message: String) -> any ShellProgress { NoProgress() }
}

/// Config files in memory, one stub transport for every registry, a fixed clock.
final class InMemoryServices: ShellServices, @unchecked Sendable {
    // Safe: tests use one instance from one thread at a time; the files dictionary is behind a Mutex.
    let environment: [String: String]
    let transport: any HTTPTransport
    let files = Mutex<[String: String]>([:])

    init(environment: [String: String] = [:], transport: any HTTPTransport) {
        self.environment = ["HOME": "/home/test"].merging(environment) { $1 }
        self.transport = transport
    }

    func loadConfig(cli: [String: String]) throws(ShellError) -> NpmConfig {
        let inputs = NpmConfigInputs(environment: environment, cwd: "/home/test", home: "/home/test", cli: cli)
        do {
            return try NpmConfig.load(inputs, fileSystem: FilesView(files: files.withLock { $0 }))
        } catch {
            throw ShellError(.failure, "\(error)")
        }
    }

    func transport(for registry: String) -> any HTTPTransport { transport }

    func updateConfigFile(
        _ path: String, kind: ConfigFileKind, _ transform: (String?) throws(ShellError) -> String?
    ) throws(ShellError) -> ConfigFileUpdate {
        let current = files.withLock { $0[path] }
        guard let updated = try transform(current) else {
            return ConfigFileUpdate(written: false, wasLooserThanPrivate: false)
        }
        files.withLock { $0[path] = updated }
        return ConfigFileUpdate(written: true, wasLooserThanPrivate: false)
    }

    func now() -> Date { Date(timeIntervalSince1970: 1_795_000_000) }
    func sleep(seconds: Double) {}
    var isInterrupted: Bool { false }
    func runOTPCommand() throws(ShellError) -> Secret? { nil }
}

struct FilesView: ConfigFileSystem {
    let files: [String: String]
    func fileExists(atPath path: String) -> Bool { files[path] != nil }
    func isDirectory(atPath path: String) -> Bool { false }
    func contents(atPath path: String) throws -> String? { files[path] }
}
