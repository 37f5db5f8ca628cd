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

/// The running process's environment, home and working folder, read once and handed to the
/// core as values.
public struct ProcessEnvironment: Sendable {
    public var variables: [String: String]
    public var home: String
    public var cwd: String

    public init(variables: [String: String], home: String, cwd: String) {
        self.variables = variables
        self.home = home
        self.cwd = cwd
    }

    /// The current process: `HOME` (else the password database, as Node's `os.homedir()`), and
    /// the working folder.
    public static func current() -> ProcessEnvironment {
        let variables = ProcessInfo.processInfo.environment
        var home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if home == nil, let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            home = String(cString: dir)
        }
        let cwd = FileManager.default.currentDirectoryPath
        return ProcessEnvironment(variables: variables, home: home ?? "/", cwd: cwd)
    }

    /// npm's default global file, `<prefix>/etc/npmrc`: `PREFIX` if set, else two folders above
    /// the `node` found on `PATH`; `nil` when there is no node.
    public var defaultGlobalConfigPath: String? {
        if let prefix = variables["PREFIX"], !prefix.isEmpty {
            return PathString.appending("etc/npmrc", to: prefix)
        }
        for folder in (variables["PATH"] ?? "").split(separator: ":") {
            let node = PathString.appending("node", to: String(folder))
            guard access(node, X_OK) == 0 else { continue }
            let real = PathString.resolvingSymlinks(node)
            let prefix = PathString.deletingLastComponent(PathString.deletingLastComponent(real))
            return PathString.appending("etc/npmrc", to: prefix)
        }
        return nil
    }

    /// Inputs for `NpmConfig.load`, with the command line's npm options.
    public func configInputs(cli: [String: String] = [:]) -> NpmConfigInputs {
        NpmConfigInputs(
            environment: variables, cwd: cwd, home: home, cli: cli, defaultGlobalConfigPath: defaultGlobalConfigPath)
    }
}
