import TokenShellCore

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

/// The disk behind `audit`: git-tracked files, config and `.env*` files whether tracked or
/// not, npm's user and global config, shell histories, and (on request) the commits.
///
/// Binaries and files over 1 MB are skipped (history files excepted: they are text and often
/// large); symbolic links are not followed, so an audit stays inside the folder it was given.
public struct AuditFileScanner: AuditFileAccess {
    /// Larger tracked files are skipped: generated or vendored, not where people paste tokens.
    public static let maximumFileSize = 1_048_576
    /// Folders never walked for untracked config files.
    static let skippedFolders: Set<String> = [".git", "node_modules"]

    /// Where `backUp` puts copies (tokensh's XDG state folder), away from the project and git.
    public let backupDirectory: String

    public init(backupDirectory: String) {
        self.backupDirectory = backupDirectory
    }

    public func permissions(atPath path: String) -> UInt32? {
        LocalFileSystem().permissions(atPath: path).map { UInt32($0) }
    }

    public func collect(_ request: AuditRequest) throws(ShellError) -> AuditCollection {
        let root = request.root
        guard LocalFileSystem().isDirectory(atPath: root) else {
            throw ShellError(.usage, "\(root) is not a folder", hint: "give audit the folder of a project")
        }
        var collection = AuditCollection(sources: [])
        var seen = Set<String>()
        var skipped = 0

        func add(_ path: String, display: String, location: AuditSource.Location, sizeLimit: Int?) {
            guard seen.insert(path).inserted else { return }
            switch Self.readText(path, sizeLimit: sizeLimit) {
            case .text(let text, let mode):
                var source = AuditSource(path: display, location: location, text: text, mode: mode, absolutePath: path)
                source.isAbandonedStaging = StagedFile.targetName(ofStaging: PathString.lastComponent(path)) != nil
                collection.sources.append(source)
                collection.filesRead += 1
            case .skipped:
                skipped += 1
            case .absent:
                break
            }
        }

        add(request.userConfigPath, display: request.userConfigPath, location: .userConfig, sizeLimit: nil)
        if let global = request.globalConfigPath {
            add(global, display: global, location: .globalConfig, sizeLimit: nil)
        }
        // What killed writes of these two left next to them (the project's are found by the walk).
        for config in [request.userConfigPath, request.globalConfigPath].compactMap({ $0 }) {
            let target = (try? AtomicFileWriter.resolveSymlinks(config)) ?? config
            for leftover in StagedFile.stagingFiles(nextTo: target) {
                add(leftover, display: leftover, location: .untracked, sizeLimit: Self.maximumFileSize)
            }
        }
        let tracked = GitRunner.lines(["ls-files", "-z"], in: root, separator: 0)
        if let tracked {
            for relative in tracked where !relative.isEmpty {
                add(root + "/" + relative, display: relative, location: .tracked, sizeLimit: Self.maximumFileSize)
            }
        } else {
            collection.notes.append(
                "\(root) is not in a git repository (or git is missing): only .npmrc, .yarnrc.yml and .env* "
                    + "files were searched there")
        }
        for relative in Self.configFiles(under: root) {
            add(root + "/" + relative, display: relative, location: .untracked, sizeLimit: Self.maximumFileSize)
        }
        for history in Self.historyFiles(home: request.home, environment: request.environment) {
            add(history, display: history, location: .shellHistory, sizeLimit: 64 * Self.maximumFileSize)
        }
        if skipped > 0 {
            collection.notes.append("skipped \(skipped) binary or larger-than-1-MB file\(skipped == 1 ? "" : "s")")
        }
        if request.includeGitHistory {
            if tracked == nil {
                collection.notes.append("--git-history: \(root) is not in a git repository")
            } else {
                collection.sources += GitRunner.addedLines(in: root)
            }
        }
        return collection
    }

    public func restrictToOwner(_ path: String) throws(ShellError) {
        guard chmod(path, 0o600) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ShellError(.failure, "could not make \(path) private: \(reason)", hint: "run `chmod 600 \(path)`")
        }
    }

    public func backUp(_ path: String) throws(ShellError) -> String {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw ShellError(.failure, "could not read \(path) to back it up", hint: "check the file's permissions")
        }
        do {
            try PrivateFolder.make(backupDirectory)
        } catch {
            throw ShellError(.failure, "could not create \(backupDirectory)", hint: "check that HOME is writable")
        }
        let name = PathString.lastComponent(path)
        let stamp = Int(Date().timeIntervalSince1970)
        var attempt = 0
        while attempt < 100 {
            let target = "\(backupDirectory)/\(stamp)\(attempt == 0 ? "" : "-\(attempt)")-\(name)"
            let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                defer { close(descriptor) }
                let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                guard written == contents.count else {
                    throw ShellError(.failure, "could not write the backup \(target)", hint: "check free space")
                }
                return target
            }
            guard errno == EEXIST else { break }
            attempt += 1
        }
        throw ShellError(.failure, "could not create a backup of \(path)", hint: "check \(backupDirectory)")
    }

    enum ReadResult {
        case text(String, mode: UInt32)
        case skipped
        case absent
    }

    /// A regular file's text; symlinks, binaries (a NUL in the first 8 KB) and oversize files skipped.
    static func readText(_ path: String, sizeLimit: Int?) -> ReadResult {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .absent }
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK {
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .skipped }
        } else if type != S_IFREG {
            return .skipped
        }
        if let sizeLimit, Int(info.st_size) > sizeLimit { return .skipped }
        guard let data = FileManager.default.contents(atPath: path) else { return .skipped }
        if data.prefix(8192).contains(0) { return .skipped }
        return .text(String(decoding: data, as: UTF8.self), mode: UInt32(info.st_mode & 0o7777))
    }

    /// `.npmrc`, `.yarnrc.yml` and `.env*` files under `root`, relative to it, tracked or not,
    /// and the temporary files killed writes left (`..npmrc.tmp-…`).
    static func configFiles(under root: String) -> [String] {
        var found: [String] = []
        var pending = [""]
        let manager = FileManager.default
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? manager.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR where !skippedFolders.contains(name):
                    pending.append(path)
                case S_IFREG
                where AuditSource.FileKind(path: name) != .other
                    || StagedFile.targetName(ofStaging: name).map({ AuditSource.FileKind(path: $0) == .npmrc }) == true:
                    found.append(path)
                default:
                    continue
                }
            }
        }
        return found
    }

    /// bash (`HISTFILE` or `~/.bash_history`), zsh (`ZDOTDIR`, `~/.zsh_history`, `~/.zhistory`)
    /// and fish (`$XDG_DATA_HOME/fish/fish_history`).
    static func historyFiles(home: String, environment: [String: String]) -> [String] {
        let home = home.hasSuffix("/") ? String(home.dropLast()) : home
        var files = [home + "/.bash_history", home + "/.zsh_history", home + "/.zhistory"]
        if let histfile = environment["HISTFILE"], histfile.hasPrefix("/") { files.insert(histfile, at: 0) }
        if let zdotdir = environment["ZDOTDIR"], zdotdir.hasPrefix("/") { files.append(zdotdir + "/.zsh_history") }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/share"
        files.append(dataHome + "/fish/fish_history")
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }
}
