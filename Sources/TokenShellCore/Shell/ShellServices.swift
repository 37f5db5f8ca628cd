#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The outside world as the commands need it: network, config files, clock, environment.
///
/// The executable provides the real thing (libcurl, atomic file writes); unit tests provide
/// fakes. Keeping it a protocol is what lets the core stay free of I/O.
public protocol ShellServices: AnyObject, Sendable {
    var environment: [String: String] { get }
    /// The npm configuration as it is now (files are read anew on each call: another
    /// process, or npm itself, may have changed them).
    func loadConfig(cli: [String: String]) throws(ShellError) -> NpmConfig
    /// A transport for one registry; the same instance for the same registry, to reuse connections.
    func transport(for registry: String) -> any HTTPTransport
    /// Read-modify-write of a config file under a lock, atomically. `transform` gets the file's
    /// bytes (`nil` for a missing file) and returns `nil` to leave the file alone. Bytes, not
    /// text: an edit must give back every byte it did not change, UTF-8 or not.
    func updateConfigFile(
        _ path: String, kind: ConfigFileKind, _ transform: ([UInt8]?) throws(ShellError) -> [UInt8]?
    ) throws(ShellError) -> ConfigFileUpdate
    func now() -> Date
    /// Sleeps in small steps; returns early when the user presses Ctrl-C.
    func sleep(seconds: Double)
    var isInterrupted: Bool { get }
    /// A fresh code from `TOKENSH_OTP_COMMAND`, or nil when the variable is unset.
    func runOTPCommand() throws(ShellError) -> Secret?
    /// Whether a browser can be opened here (`$BROWSER`, or `xdg-open` with a display).
    var canOpenBrowser: Bool { get }
    /// Opens a URL in the browser; returns false when that failed.
    func openInBrowser(_ url: String) -> Bool
    /// The files `audit` walks and fixes, and file modes for the contextual tips; `nil` where
    /// there is no disk to audit (the default, so fakes need not provide it).
    var auditFiles: (any AuditFileAccess)? { get }
    /// Creates a folder (and its parents) with mode 0700 when it is missing, before a private
    /// file is written into it.
    func prepareFolder(_ path: String) throws(ShellError)
    /// A script's bytes, for replay; a folder or a file too large to be a script is refused.
    func readScriptFile(_ path: String) throws(ShellError) -> [UInt8]
    /// Writes a recorded script atomically, with mode 0700 so its `#!` line works; with
    /// `replacing` false an existing file is refused (`record start` without `--force`).
    func writeScriptFile(_ path: String, contents: String, replacing: Bool) throws(ShellError)
    /// The guide's progress file, token folder and practice registry; `nil` where there is no
    /// disk (the default, so fakes need not provide it).
    var guide: (any GuideStorage)? { get }
    /// What token creation has shown about registries' token kinds; `nil` where there is no
    /// disk (the default, so fakes need not provide it).
    var registryKinds: (any RegistryKindStore)? { get }
    /// Where `--step` replays were stopped; `nil` where there is no disk (the default).
    var replayProgress: (any ReplayProgressStore)? { get }
    /// The keyring for `--store keyring` (the Secret Service, else the vault file); throws, saying
    /// why and how to get one, when no backend works. Never falls back to a plain file.
    func keyring(passphrase: any KeyringPassphraseSource) throws(ShellError) -> any KeyringStore
    /// Whether the keyring may hold anything, known without a D-Bus call or a passphrase: a
    /// credential lookup that finds nothing in the config asks the keyring only then.
    var keyringMayHoldItems: Bool { get }
    /// Which account each registry uses (`account use`); `nil` where there is no disk.
    var accounts: (any AccountSelectionStore)? { get }
    /// Runs an `exec` child in the foreground, with the terminal and the signals the terminal
    /// sends, and waits for it. The default refuses: fakes run no programs.
    func runExec(_ request: ExecRequest) throws(ShellError) -> ExecTermination
}

extension ShellServices {
    /// Edits an `.npmrc` in place (a missing file reads as empty): only the lines `edit`
    /// changes are rewritten, every other byte stays as it was.
    @discardableResult
    public func editConfigFile(
        _ path: String, kind: ConfigFileKind, _ edit: (inout NpmrcDocument) throws(ShellError) -> Void
    ) throws(ShellError) -> ConfigFileUpdate {
        try updateConfigFile(path, kind: kind) { bytes throws(ShellError) in
            var document = NpmrcDocument(bytes: bytes ?? [])
            try edit(&document)
            return document.bytes
        }
    }

    public func prepareFolder(_ path: String) throws(ShellError) {}
    public var auditFiles: (any AuditFileAccess)? { nil }
    public var guide: (any GuideStorage)? { nil }
    public var registryKinds: (any RegistryKindStore)? { nil }
    public var replayProgress: (any ReplayProgressStore)? { nil }
    public func keyring(passphrase: any KeyringPassphraseSource) throws(ShellError) -> any KeyringStore {
        throw ShellError(.failure, "this tokensh has no keyring", code: "ENOKEYRING")
    }
    public var keyringMayHoldItems: Bool { false }
    public var accounts: (any AccountSelectionStore)? { nil }
    public var canOpenBrowser: Bool { false }
    public func runExec(_ request: ExecRequest) throws(ShellError) -> ExecTermination {
        throw ShellError(.failure, "exec cannot run programs here", hint: "run it from the tokensh executable")
    }
    public func openInBrowser(_ url: String) -> Bool { false }
}

public enum ConfigFileKind: Sendable {
    /// The user config: kept at mode 0600, deleted when it ends up empty (as npm does).
    case user
    /// A project `.npmrc`: its mode is kept.
    case project
}

public struct ConfigFileUpdate: Sendable {
    public var written: Bool
    /// The file was readable by group or others before; it is 0600 now.
    public var wasLooserThanPrivate: Bool

    public init(written: Bool, wasLooserThanPrivate: Bool) {
        self.written = written
        self.wasLooserThanPrivate = wasLooserThanPrivate
    }
}
