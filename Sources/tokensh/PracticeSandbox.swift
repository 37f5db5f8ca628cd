import Foundation
import SandboxRegistry
import TokenShellCore

/// `tokensh --sandbox`: the sandbox registry in this process, and a throw-away user config.
final class PracticeSandbox {
    let host: SandboxHost
    let userconfig: String
    private let temporaryFolder: String?

    var registry: String { host.baseURL }

    var banner: String {
        """
        tokensh practice mode: a sandbox registry at \(registry)
        Nothing here touches a real npm account. Try:
          login --auth-type legacy --username demo     (password: demo-password)
          token list
          help
        Ctrl-D leaves the practice shell.

        """
    }

    private init(host: SandboxHost, userconfig: String, temporaryFolder: String?) {
        self.host = host
        self.userconfig = userconfig
        self.temporaryFolder = temporaryFolder
    }

    static func start(userconfig: String?) throws -> PracticeSandbox {
        var configuration = SandboxConfiguration()
        configuration.users = [SandboxConfiguration.demoUser]
        configuration.autoApprove = true
        configuration.seedTokens = 6
        configuration.passwordIterations = 10_000
        let host = try SandboxHost.start(configuration)
        if let userconfig {
            return PracticeSandbox(host: host, userconfig: userconfig, temporaryFolder: nil)
        }
        let folder = NSTemporaryDirectory() + "tokensh-practice-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return PracticeSandbox(host: host, userconfig: folder + "/npmrc", temporaryFolder: folder)
    }

    func stop() {
        host.stop()
        if let temporaryFolder { try? FileManager.default.removeItem(atPath: temporaryFolder) }
    }
}
