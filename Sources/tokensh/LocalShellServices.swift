import Synchronization
import TokenShellCore
import TokenShellHTTP
import TokenShellKeyring
import TokenShellSystem
import TokenShellTerminal

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real outside world for the shell: libcurl, npm's config files, the clock, Ctrl-C.
final class LocalShellServices: ShellServices {
    let environment: [String: String]
    private let process: ProcessEnvironment
    private let timeout: Double?
    private let transports = Mutex<[String: CurlTransport]>([:])
    /// The configuration the last command read, with its `--userconfig` and other flags.
    private let lastConfig = Mutex<NpmConfig?>(nil)
    private let guideStorage: LocalGuideStorage
    private let kindStore: LocalRegistryKindStore
    private let progressStore: LocalReplayProgressStore
    private let accountStore: LocalAccountSelectionStore

    init(process: ProcessEnvironment, timeout: Double?, userconfigGiven: Bool = false) {
        self.process = process
        self.environment = process.variables
        self.timeout = timeout
        self.guideStorage = LocalGuideStorage(
            paths: TokenShellPaths(environment: process.variables, home: process.home), home: process.home,
            userconfigGiven: userconfigGiven)
        let paths = TokenShellPaths(environment: process.variables, home: process.home)
        self.kindStore = LocalRegistryKindStore(paths: paths)
        self.progressStore = LocalReplayProgressStore(paths: paths)
        self.accountStore = LocalAccountSelectionStore(paths: paths)
    }

    var guide: (any GuideStorage)? { guideStorage }
    var registryKinds: (any RegistryKindStore)? { kindStore }
    var replayProgress: (any ReplayProgressStore)? { progressStore }
    var accounts: (any AccountSelectionStore)? { accountStore }

    func keyring(passphrase: any KeyringPassphraseSource) throws(ShellError) -> any KeyringStore {
        try LocalKeyring.open(environment: environment, home: process.home, passphrase: passphrase)
    }

    var keyringMayHoldItems: Bool { LocalKeyring.mayHoldItems(environment: environment, home: process.home) }

    func loadConfig(cli: [String: String]) throws(ShellError) -> NpmConfig {
        var cli = cli
        // A practice registry the guide started comes with a throw-away user config.
        if cli["userconfig"] == nil, let practice = guideStorage.practiceUserconfig { cli["userconfig"] = practice }
        do {
            let config = try NpmConfig.load(process.configInputs(cli: cli), fileSystem: LocalFileSystem())
            lastConfig.withLock { $0 = config }
            return config
        } catch let error as ShellError {
            // A config file that cannot be read names itself (a FIFO, a device, too large).
            throw error
        } catch {
            let reason = Shell.shellError(from: error)
            throw ShellError(
                .failure, "cannot read npm's configuration: \(reason.message)",
                hint: reason.hint ?? "check the file it names")
        }
    }

    func transport(for registry: String) -> any HTTPTransport {
        // One per registry, not per origin: several registries on one host (Nexus and
        // Artifactory serve them under paths) are then asked at once, as `status` does.
        let key = RegistryURL.normalize(registry) ?? registry
        if let existing = transports.withLock({ $0[key] }) { return existing }
        // Made once per registry, with the settings (`cafile`, `strict-ssl`, `fetch-timeout`) of
        // the configuration the command just read, so `--userconfig` applies to them too.
        let config = lastConfig.withLock { $0 } ?? (try? loadConfig(cli: [:]))
        return transports.withLock { cache in
            if let existing = cache[key] { return existing }
            var options = CurlTransportOptions(isCancelled: Interrupts.isCancelled)
            options.userAgent = CurlTransportOptions.userAgent(version: TokenShellVersion.current)
            options.totalTimeout = timeout ?? config?.fetchTimeoutMilliseconds.map { Double($0) / 1000 }
            options.caFile = config?.cafile
            options.strictSSL = config?.strictSSL ?? true
            let transport = CurlTransport(options: options)
            cache[key] = transport
            return transport
        }
    }

    /// How many TCP connections the transports opened (for benchmarks and tests).
    var connectionsOpened: Int {
        transports.withLock { cache in cache.values.reduce(0) { $0 + $1.connectionsOpened } }
    }

    /// Config locks in the user's state folder; a busy lock is announced on stderr and Ctrl-C
    /// stops the wait.
    var configLocking: ConfigLockSettings {
        ConfigLockSettings(
            paths: TokenShellPaths(environment: environment, home: process.home), isCancelled: Interrupts.isCancelled,
            onWait: { Terminal.write($0, to: STDERR_FILENO) })
    }

    func updateConfigFile(
        _ path: String, kind: ConfigFileKind, _ transform: ([UInt8]?) throws(ShellError) -> [UInt8]?
    ) throws(ShellError) -> ConfigFileUpdate {
        let writer = AtomicFileWriter(options: kind == .user ? .userConfig : .projectFile, locking: configLocking)
        do {
            let outcome = try writer.update(path: path) { bytes in try transform(bytes) }
            return ConfigFileUpdate(
                written: outcome.action != .unchanged, wasLooserThanPrivate: outcome.wasLooserThanPrivate)
        } catch let error as ShellError {
            throw error
        } catch {
            throw ShellError(
                .failure, "could not write \(path): \(Shell.shellError(from: error).message)",
                hint: "check that the folder exists and is writable")
        }
    }

    func now() -> Date { Date() }

    func sleep(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !Interrupts.flag.isSet {
            usleep(useconds_t(min(50_000, max(1_000, deadline.timeIntervalSinceNow * 1_000_000))))
        }
    }

    var isInterrupted: Bool { Interrupts.flag.isSet }

    func prepareFolder(_ path: String) throws(ShellError) {
        do {
            try PrivateFolder.make(path)
        } catch {
            throw ShellError(.failure, "could not create the folder \(path)", hint: "check its parent's permissions")
        }
    }

    var canOpenBrowser: Bool {
        if let browser = environment["BROWSER"], !browser.isEmpty { return true }
        let hasDisplay = environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil
        return hasDisplay && Self.executable(named: "xdg-open", path: environment["PATH"]) != nil
    }

    func openInBrowser(_ url: String) -> Bool {
        // Checked here as well as where the URL is received: nothing else reaches a browser.
        guard BrowserURL.problem(url) == nil else { return false }
        let opener = environment["BROWSER"].flatMap { $0.isEmpty ? nil : $0 } ?? "xdg-open"
        guard
            let executable = opener.hasPrefix("/") ? opener : Self.executable(named: opener, path: environment["PATH"])
        else { return false }
        // Detached, not waited for: a browser may outlive the command that opened it.
        return (try? Subprocess.launchDetached(executable, arguments: [url])) != nil
    }

    static func executable(named name: String, path: String?) -> String? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    var auditFiles: (any AuditFileAccess)? {
        let paths = TokenShellPaths(environment: environment, home: process.home)
        return AuditFileScanner(backupDirectory: paths.stateDirectory + "/backups")
    }

    func runExec(_ request: ExecRequest) throws(ShellError) -> ExecTermination {
        try ExecRunner.run(request)
    }

    func runOTPCommand() throws(ShellError) -> Secret? {
        guard let runner = OTPCommandRunner(environment: environment) else { return nil }
        do {
            return try runner.nextCode()
        } catch let error as ShellError {
            throw error
        } catch {
            throw ShellError(
                .usage, "TOKENSH_OTP_COMMAND failed", hint: "run the command by hand to check it prints a code")
        }
    }
}

extension LocalShellServices {
    func readScriptFile(_ path: String) throws(ShellError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ShellError(.failure, "cannot read \(path): no such file", hint: "check the path")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw ShellError(.usage, "\(path) is a folder, not a script", hint: "give the script file inside it")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ShellError(.failure, "cannot read \(path)", hint: "check its permissions")
        }
        defer { close(descriptor) }
        // One byte past the limit is enough to refuse a file (or a device) too large to be a script.
        let limit = ScriptSource.sizeLimit + 1
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < limit {
            let wanted = min(buffer.count, limit - bytes.count)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    func writeScriptFile(_ path: String, contents: String, replacing: Bool) throws(ShellError) {
        let options = AtomicFileWriter.Options(
            newFileMode: 0o700, enforcePrivateMode: false, deleteIfEmpty: false, sizeLimit: ScriptSource.sizeLimit)
        do {
            let writer = AtomicFileWriter(options: options, locking: configLocking)
            let outcome = try writer.update(path: path) { existing in
                if existing != nil, !replacing {
                    throw ShellError(
                        .failure, "\(path) already exists", hint: "choose another name, or add --force to replace it",
                        code: Shell.fileExistsCode)
                }
                return Array(contents.utf8)
            }
            // The writer keeps a replaced file's mode; a script must stay executable.
            if let previous = outcome.previousMode, previous & 0o100 == 0 {
                chmod(outcome.resolvedPath, 0o700)
            }
        } catch let error as ShellError {
            throw error
        } catch {
            throw ShellError(
                .failure, "could not write \(path): \(Shell.shellError(from: error).message)",
                hint: "check that the folder exists and is writable")
        }
    }
}
