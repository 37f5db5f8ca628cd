import Foundation
import Synchronization
import TokenShellCore

/// Keeps everything the shell printed; answers questions and secrets from scripted lists
/// (with none scripted, it is like a script without a terminal: asking is an error).
final class RecordingShellIO: ShellIO {
    var outputs: [String] = []
    var diagnostics: [String] = []
    var canAsk = false
    var canPromptSecrets = false
    var terminalWidth = 100
    var answers: [String] = []
    var secrets: [Secret] = []
    var historyEntries: [String] = []

    var outputText: String { outputs.joined() }
    var diagnosticText: String { diagnostics.joined() }

    func output(_ text: String) { outputs.append(text) }
    func diagnostic(_ text: String) { diagnostics.append(text) }

    func ask(_ question: String, default defaultValue: String?, choices: [String]) throws(ShellError) -> String {
        guard !answers.isEmpty else { throw ShellError(.usage, "nobody to ask: \(question)") }
        let answer = answers.removeFirst()
        return answer.isEmpty ? defaultValue ?? "" : answer
    }

    func askSecret(_ prompt: String) throws(ShellError) -> Secret {
        guard !secrets.isEmpty else { throw ShellError(.usage, "nobody to ask: \(prompt)") }
        return secrets.removeFirst()
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

/// The outside world in memory: config and script files, one stub transport for every
/// registry, a fixed clock, optional file modes for the audit and tips.
final class InMemoryServices: ShellServices, @unchecked Sendable {
    // Safe: every mutable part is behind a Mutex; the rest is set once at init.
    struct File: Equatable {
        var bytes: [UInt8]
        var mode: Int
    }

    let environment: [String: String]
    let stub: StubTransport
    let home: String
    let cwd: String
    let auditFiles: (any AuditFileAccess)?
    let guide: (any GuideStorage)?
    let progress = InMemoryReplayProgress()
    var replayProgress: (any ReplayProgressStore)? { progress }
    var clock = Date(timeIntervalSince1970: 1_795_860_000)
    private let files = Mutex<[String: File]>([:])
    private let registries = Mutex<[String]>([])

    init(
        environment: [String: String] = [:], replies: [StubTransport.Reply] = [], home: String = "/home/user",
        cwd: String = "/work", auditFiles: (any AuditFileAccess)? = nil, guide: (any GuideStorage)? = nil
    ) {
        self.environment = ["HOME": home].merging(environment) { $1 }
        self.stub = StubTransport(replies)
        self.home = home
        self.cwd = cwd
        self.auditFiles = auditFiles
        self.guide = guide
    }

    subscript(path: String) -> File? {
        get { files.withLock { $0[path] } }
        set { files.withLock { $0[path] = newValue } }
    }

    func text(_ path: String) -> String? {
        self[path].map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    func setText(_ path: String, _ text: String) {
        self[path] = File(bytes: Array(text.utf8), mode: 0o600)
    }

    /// The registries a transport was asked for, in order.
    var transportsRequested: [String] { registries.withLock { $0 } }

    func loadConfig(cli: [String: String]) throws(ShellError) -> NpmConfig {
        let inputs = NpmConfigInputs(environment: environment, cwd: cwd, home: home, cli: cli)
        let snapshot = files.withLock { $0 }.mapValues { String(decoding: $0.bytes, as: UTF8.self) }
        do {
            return try NpmConfig.load(inputs, fileSystem: FilesView(files: snapshot, folders: [home, cwd]))
        } catch {
            throw ShellError(.failure, "config: \(error)")
        }
    }

    func transport(for registry: String) -> any HTTPTransport {
        registries.withLock { $0.append(registry) }
        return stub
    }

    func updateConfigFile(
        _ path: String, kind: ConfigFileKind, _ transform: ([UInt8]?) throws(ShellError) -> [UInt8]?
    ) throws(ShellError) -> ConfigFileUpdate {
        guard let updated = try transform(self[path]?.bytes) else {
            return ConfigFileUpdate(written: false, wasLooserThanPrivate: false)
        }
        self[path] = File(bytes: updated, mode: 0o600)
        return ConfigFileUpdate(written: true, wasLooserThanPrivate: false)
    }

    func now() -> Date { clock }
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

/// Files from a dictionary, folders from a list.
struct FilesView: ConfigFileSystem {
    let files: [String: String]
    var folders: [String] = []

    func fileExists(atPath path: String) -> Bool { files[path] != nil || folders.contains(path) }
    func isDirectory(atPath path: String) -> Bool { folders.contains(path) }
    func contents(atPath path: String) throws -> String? { files[path] }
}

extension StubTransport.Reply {
    static func whoami(_ name: String) -> Self { .json(200, "{\"username\":\"\(name)\"}") }
}

/// The guide's progress file in memory; no practice registry starts.
final class InMemoryGuideStorage: GuideStorage, @unchecked Sendable {
    // Safe: every mutable part is behind a Mutex.
    private let state = Mutex<String?>(nil)

    var progress: String? { state.withLock { $0 } }

    init(progress: String? = nil) {
        state.withLock { $0 = progress }
    }

    func readProgress() -> String? { progress }
    func writeProgress(_ text: String?) throws(ShellError) { state.withLock { $0 = text } }
    func startPracticeRegistry() throws(ShellError) -> PracticeRegistry {
        throw ShellError(.failure, "no practice registry in unit tests")
    }
}

/// Resume points of `--step` replays, kept in memory; scripts are keyed as `/work/PATH`.
final class InMemoryReplayProgress: ReplayProgressStore, @unchecked Sendable {
    // Safe: the only mutable state is behind the Mutex.
    private let state = Mutex<String?>(nil)
    var text: String? { state.withLock { $0 } }

    func readProgress() -> String? { text }
    func writeProgress(_ text: String) throws(ShellError) { state.withLock { $0 = text } }
    func updateProgress(_ change: (String?) -> String?) throws(ShellError) {
        state.withLock { $0 = change($0) ?? $0 }
    }
    func key(forScript path: String) -> String { path.hasPrefix("/") ? path : "/work/" + path }
}
