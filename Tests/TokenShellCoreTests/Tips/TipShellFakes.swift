import Foundation
import Synchronization
import TokenShellCore

/// Keeps what the shell printed, and answers no questions.
final class RecordingShellIO: ShellIO {
    var outputs: [String] = []
    var diagnostics: [String] = []
    var canAsk: Bool { false }
    var canPromptSecrets: Bool { false }
    var terminalWidth: Int { 100 }

    func output(_ text: String) { outputs.append(text) }
    func diagnostic(_ text: String) { diagnostics.append(text) }

    func ask(_ question: String, default: String?, choices: [String]) throws(ShellError) -> String {
        throw ShellError(.usage, "no questions in tests")
    }

    func askSecret(_ prompt: String) throws(ShellError) -> Secret {
        throw ShellError(.usage, "no secrets in tests")
    }

    func progress(_ message: String) -> any ShellProgress { NoProgress() }
}

final class NoProgress: ShellProgress {
    func stop() {}
}

/// File modes from a table; nothing else on disk.
struct ModeTable: AuditFileAccess {
    var modes: [String: UInt32]

    func permissions(atPath path: String) -> UInt32? { modes[path] }
    func collect(_ request: AuditRequest) throws(ShellError) -> AuditCollection { AuditCollection(sources: []) }
    func restrictToOwner(_ path: String) throws(ShellError) {}
    func backUp(_ path: String) throws(ShellError) -> String { path + ".bak" }
}

/// An npm config with one user file, no network, a fixed clock.
final class TipServices: ShellServices {
    let environment: [String: String] = ["HOME": "/h"]
    let auditFiles: (any AuditFileAccess)?

    init(userConfigMode: UInt32) {
        auditFiles = ModeTable(modes: ["/h/.npmrc": userConfigMode])
    }

    func loadConfig(cli: [String: String]) throws(ShellError) -> NpmConfig {
        do {
            return try NpmConfig.load(
                NpmConfigInputs(environment: environment, cwd: "/h", home: "/h"), fileSystem: EmptyFileSystem())
        } catch {
            throw ShellError(.failure, "\(error)")
        }
    }

    func transport(for registry: String) -> any HTTPTransport { RefusingTransport() }

    func updateConfigFile(
        _ path: String, kind: ConfigFileKind, _ transform: (String?) throws(ShellError) -> String?
    ) throws(ShellError) -> ConfigFileUpdate {
        ConfigFileUpdate(written: false, wasLooserThanPrivate: false)
    }

    func now() -> Date { Date(timeIntervalSince1970: 1_800_000_000) }
    func sleep(seconds: Double) {}
    var isInterrupted: Bool { false }
    func runOTPCommand() throws(ShellError) -> Secret? { nil }
}

struct EmptyFileSystem: ConfigFileSystem {
    func fileExists(atPath path: String) -> Bool { path == "/h" }
    func isDirectory(atPath path: String) -> Bool { path == "/h" }
    func contents(atPath path: String) throws -> String? { nil }
}

final class RefusingTransport: HTTPTransport {
    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        throw .connectionRefused(host: "test")
    }
}
